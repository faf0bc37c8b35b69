// The code around an insertion point, sent as context with an edit that has no selection (whole lines, bounded).
const LINES_BEFORE = 40;
const LINES_AFTER = 15;
const MAX_CHARS_EACH_SIDE = 4000;

/** Up to 40 lines up to `offset` (its own line counted) and 15 after in `text` (each side at most 4000 characters, cut at a line). */
export function aroundCursor(text: string, offset: number): { before: string; after: string } {
  const head = text.slice(0, offset);
  const tail = text.slice(offset);
  const headLines = head.split('\n');
  let before = headLines.slice(-LINES_BEFORE).join('\n');
  if (before.length > MAX_CHARS_EACH_SIDE) before = before.slice(before.indexOf('\n', before.length - MAX_CHARS_EACH_SIDE) + 1);
  let after = tail.split('\n').slice(0, LINES_AFTER + 1).join('\n');
  if (after.length > MAX_CHARS_EACH_SIDE) after = after.slice(0, Math.max(0, after.lastIndexOf('\n', MAX_CHARS_EACH_SIDE)));
  return { before, after };
}
