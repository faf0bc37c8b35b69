// A cheap, slightly generous token estimate for budget checks and context-window checks before a call.

import type { ChatMessage } from '../request';

const WORD = 1;
const SPACE = 2;
const MARK = 3;
/** A character of a script written without spaces (CJK, kana, Hangul) or half of a surrogate pair (emoji, rare CJK). */
const GLYPH = 4;

function isGlyph(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) || // CJK radicals and punctuation, kana, CJK ideographs
    (code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
    (code >= 0xd800 && code <= 0xdfff) || // surrogates: emoji and ideographs beyond the basic plane
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility ideographs
    (code >= 0xff00 && code <= 0xffef) // full-width forms
  );
}

function charClass(code: number): number {
  if (code === 32 || code === 9 || code === 10 || code === 13) return SPACE;
  if (code > 127 && isGlyph(code)) return GLYPH;
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127) return WORD;
  return MARK;
}

/**
 * Estimates BPE tokens without a tokenizer, in one pass: a word of up to 6 characters costs one token,
 * a longer one a token per 4 characters; each punctuation mark one, each whitespace run one (a lone space joins the next
 * word), each CJK, kana or Hangul character one (these scripts have no spaces, and tokenizers give them about a
 * token a character: counted as one long word they came out 3–4× too low, and Ollama's context was sized too small).
 * Code lands near real tokenizers or a little above, which is the safe side for a budget.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  let run = 0;
  let runClass = 0;
  let runIsLoneSpace = false;
  const flush = () => {
    if (runClass === WORD) tokens += run <= 6 ? 1 : Math.ceil(run / 4);
    else if (runClass === SPACE && !runIsLoneSpace) tokens += 1;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const cls = charClass(code);
    if (cls === MARK || cls === GLYPH) {
      flush();
      tokens += 1;
      run = 0;
      runClass = 0;
      continue;
    }
    if (cls !== runClass) {
      flush();
      run = 0;
      runClass = cls;
      runIsLoneSpace = code === 32;
    } else if (cls === SPACE) {
      runIsLoneSpace = false;
    }
    run++;
  }
  flush();
  return tokens;
}

/** Tokens assumed per image: Anthropic bills about (width × height) / 750, ~1,600 for the largest it keeps unscaled. */
export const IMAGE_TOKENS = 1600;

/** Estimated input tokens of a whole call: system prompt, messages (with their parts, as sent) and a small per-message overhead. */
export function estimateInputTokens(system: string | undefined, messages: readonly ChatMessage[]): number {
  let tokens = system ? estimateTokens(system) + 4 : 0;
  for (const message of messages) tokens += (message.parts ? estimatePartTokens(message.parts) : estimateTokens(message.content)) + 4;
  return tokens;
}

function estimatePartTokens(parts: NonNullable<ChatMessage['parts']>): number {
  let tokens = 0;
  for (const p of parts) {
    if (p.type === 'text') tokens += estimateTokens(p.text);
    else if (p.type === 'tool-result') tokens += estimateTokens(p.content) + 4;
    else if (p.type === 'tool-call') tokens += estimateTokens(p.name) + estimateTokens(JSON.stringify(p.input)) + 4;
    else tokens += IMAGE_TOKENS;
  }
  return tokens;
}
