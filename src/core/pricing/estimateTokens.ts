// A cheap, slightly generous token estimate for budget checks and context-window checks before a call.

import type { ChatMessage } from '../request';

const PIECES = /[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu;
const WORD_START = /^[\p{L}\p{N}_]/u;

/**
 * Estimates BPE tokens without a tokenizer: word runs cost one token per 4 characters (at least one),
 * each punctuation mark one, each whitespace run one (a lone space joins the next word). Code lands
 * near real tokenizers or a little above, which is the safe side for a budget.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const match of text.matchAll(PIECES)) {
    const piece = match[0];
    if (WORD_START.test(piece)) tokens += Math.ceil(piece.length / 4);
    else if (piece !== ' ') tokens += 1;
  }
  return tokens;
}

/** Estimated input tokens of a whole call: system prompt, messages and a small per-message overhead. */
export function estimateInputTokens(system: string | undefined, messages: readonly ChatMessage[]): number {
  let tokens = system ? estimateTokens(system) + 4 : 0;
  for (const message of messages) tokens += estimateTokens(message.content) + 4;
  return tokens;
}
