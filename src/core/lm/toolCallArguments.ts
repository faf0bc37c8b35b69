// A model's tool-call arguments as the object VS Code's LanguageModelToolCallPart needs, or why the call is unusable.
// Unusable means escalate before anything reaches the caller (issue 13: malformed tool-call JSON is a failed answer).

export type ToolCallArguments =
  | { readonly ok: true; readonly input: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses the arguments a provider streamed for one tool call. OpenAI and Ollama send a JSON text (Ollama may send the
 * object itself); Anthropic's `input_json_delta` pieces join to a JSON text. An empty text is a call with no
 * arguments; anything that is not a JSON object (an array, a number, a cut-off text) cannot be given to a tool.
 */
export function parseToolCallArguments(raw: string | Readonly<Record<string, unknown>> | undefined, tool: string): ToolCallArguments {
  if (raw === undefined) return { ok: true, input: {} };
  if (typeof raw !== 'string') return isPlainObject(raw) ? { ok: true, input: raw } : unusable(tool, 'arguments are not an object');
  if (raw.trim() === '') return { ok: true, input: {} };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return unusable(tool, 'arguments are not valid JSON');
  }
  return isPlainObject(value) ? { ok: true, input: value } : unusable(tool, 'arguments are not a JSON object');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unusable(tool: string, why: string): ToolCallArguments {
  return { ok: false, reason: `tool call ${tool}: ${why}` };
}
