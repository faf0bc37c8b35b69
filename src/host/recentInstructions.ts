// Instructions for the editor commands: from a command argument, the recent ones kept in global state, the picker's
// choices. No `vscode` import.

/** How many instructions are remembered. */
export const MAX_RECENT_INSTRUCTIONS = 10;

/** A choice in the instruction picker: the text typed so far, then matching recent instructions. */
export interface InstructionChoice {
  readonly label: string;
  readonly description?: string;
}

/** The remembered list from stored state; anything malformed becomes an empty list. */
export function readRecentInstructions(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((s): s is string => typeof s === 'string' && s.trim() !== '').slice(0, MAX_RECENT_INSTRUCTIONS);
}

/** `instruction` moved to the front of `recent`, duplicates removed, at most `max` kept. */
export function rememberInstruction(recent: readonly string[], instruction: string, max = MAX_RECENT_INSTRUCTIONS): string[] {
  const text = instruction.trim();
  if (text === '') return recent.slice(0, max);
  return [text, ...recent.filter((r) => r !== text)].slice(0, max);
}

/**
 * The picker's items for what has been typed: the typed text itself first (so Enter uses it even when it is
 * the start of a recent instruction), then the recent ones.
 */
export function instructionChoices(typed: string, recent: readonly string[]): InstructionChoice[] {
  const text = typed.trim();
  const recentChoices = recent.filter((r) => r !== text).map((label) => ({ label, description: 'recent' }));
  return text === '' ? recentChoices : [{ label: text, description: 'new instruction' }, ...recentChoices];
}

/** The `instruction` of a command argument `{ instruction }` (keybindings, tests); undefined for anything else, e.g. a menu's URI. */
export function instructionArgument(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const instruction = (arg as { instruction?: unknown }).instruction;
  return typeof instruction === 'string' && instruction.trim() !== '' ? instruction.trim() : undefined;
}
