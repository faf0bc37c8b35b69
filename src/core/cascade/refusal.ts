// Spots answers that are a refusal rather than an attempt; deliberately narrow so real answers are never discarded.

const REFUSAL_START =
  /^(?:I['’]m sorry|I am sorry|Sorry,|I apologi[sz]e|I can(?:no|['’])t (?:help|assist|do|comply|provide|write|fulfil)|I cannot (?:help|assist|do|comply|provide|write|fulfil)|I won['’]t (?:help|assist|do|provide|write)|I['’]m (?:not able|unable) to|I am (?:not able|unable) to|As an AI\b)/i;

/** Longest answer that can still count as a refusal; longer ones likely hold real content. */
const MAX_REFUSAL_CHARS = 300;

/** True for a short answer without code that opens with a refusal phrase. */
export function looksLikeRefusal(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_REFUSAL_CHARS) return false;
  if (trimmed.includes('```') || trimmed.includes('~~~')) return false;
  return REFUSAL_START.test(trimmed);
}
