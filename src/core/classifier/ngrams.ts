// Hashes the n-grams of a prose text straight from its characters: no token strings, no arrays per n-gram.

import { isCjkRange, scanTokens } from './textAnalysis';

/** Prose beyond this many tokens adds no n-grams (long prompts cost the same as medium ones). */
export const MAX_TOKENS = 160;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;
const HASH_SIGN = 0x23;

function step(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** FNV-1a state after `<kind> ` (e.g. `w `), the common start of every n-gram of that kind. */
function kindState(kind: string): number {
  return step(step(FNV_OFFSET, kind.charCodeAt(0)), SPACE);
}

const WORD = kindState('w');
const PAIR = kindState('b');
const STEM = kindState('s');
const CJK_PAIR = kindState('c');
const CJK_END = kindState('e');
const FIRST = kindState('f');

/** Token bounds, reused across calls (hashing is synchronous). */
const starts = new Int32Array(MAX_TOKENS);
const ends = new Int32Array(MAX_TOKENS);

function feedToken(hash: number, text: string, t: number): number {
  const start = starts[t] as number;
  if (start === -1) return step(hash, HASH_SIGN);
  const end = ends[t] as number;
  let h = hash;
  for (let k = start; k < end; k++) h = step(h, text.charCodeAt(k));
  return h;
}

/** A growable buffer of 32-bit values, reused across calls. */
export interface HashBuffer {
  values: Uint32Array;
  length: number;
}

function push(out: HashBuffer, hash: number): void {
  if (out.length === out.values.length) {
    const bigger = new Uint32Array(out.values.length * 2);
    bigger.set(out.values);
    out.values = bigger;
  }
  out.values[out.length++] = hash >>> 0;
}

/**
 * Writes into `out` (from index 0) the 32-bit FNV-1a hash of every n-gram of `prose`, in the order
 * and with the values `fnv1aJoined` gives for the n-grams of `tokenize(prose, MAX_TOKENS)`: per
 * token its word (`w`), the pair with the next token (`b`), then its CJK character pairs (`c`) and
 * ending (`e`) or, for a long word, its stem (`s`); finally the first word (`f`).
 */
export function ngramHashes(prose: string, out: HashBuffer): void {
  out.length = 0;
  const text = prose.toLowerCase();
  const count = scanTokens(text, starts, ends);
  for (let t = 0; t < count; t++) {
    push(out, feedToken(WORD, text, t));
    if (t + 1 < count) push(out, feedToken(step(feedToken(PAIR, text, t), SPACE), text, t + 1));
    const start = starts[t] as number;
    if (start === -1) continue;
    const end = ends[t] as number;
    if (isCjkRange(text, start, end)) {
      for (let j = start; j + 1 < end; j++) push(out, step(step(CJK_PAIR, text.charCodeAt(j)), text.charCodeAt(j + 1)));
      if (end - start > 2) push(out, step(step(CJK_END, text.charCodeAt(end - 2)), text.charCodeAt(end - 1)));
    } else if (end - start > 6) {
      let h = STEM;
      for (let k = start; k < start + 5; k++) h = step(h, text.charCodeAt(k));
      push(out, h);
    }
  }
  if (count > 0) push(out, feedToken(FIRST, text, 0));
}
