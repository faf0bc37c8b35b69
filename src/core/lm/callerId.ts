// The id of the extension that called Triage's models, when VS Code gives it: checked before it reaches the ledger,
// so a ledger line, the CSV and the spend panel only ever hold a well-formed `publisher.name`.

/** Longest id kept; VS Code's own ids are far shorter. */
const MAX_LENGTH = 128;
/** `publisher.name` as VS Code writes extension ids (letters, digits, `-` and `_`, one dot). */
const EXTENSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*\.[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The id when `value` is a well-formed extension id, else undefined (nothing made-up or oversized is recorded). */
export function validCallerId(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_LENGTH || !EXTENSION_ID.test(value)) return undefined;
  return value;
}
