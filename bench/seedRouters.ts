// The two routers the seed articles compared against, rebuilt for the bench only (never shipped), plus the fixed ones.
//
// Both were written once from the articles' descriptions and not tuned on the dev data; the rules are below.
//
// Keyword tiers — looks at the instruction only (the attached selection is code, whose identifiers would
// match by accident), case-insensitive, whole words. Tiers are checked strongest first, so a request that
// names a reasoning word and a coding word goes to reasoning (the side that under-routes less); the first
// tier with a match wins; no match → quick.
//   reasoning: design, architecture, prove/proof, optimize/optimise (and -ation), trade-off/tradeoff
//   coding:    implement, write, fix, refactor (and their -s/-ed/-ing forms)
//   quick:     explain (any form), "what is", "what's"
//   local:     rename, format, typo, comment (any form)
//
// Complexity score — points added up over instruction + selection, then thresholds:
//   length:        +1 over 300 characters, +1 more over 1,000
//   code present:  +2 when there is a selection, a ``` fence, a line ending in { } or ;, or a keyword
//                  such as def/function/class/return/import/const
//   questions:     +1 for two or more question marks
//   numbers:       +1 for three or more numbers
//   multi-step:    +1 per distinct step word (first, then, next, finally, step(s), after that, also,
//                  additionally), at most +2
//   score 0 → local, 1–2 → quick, 3–4 → coding, 5+ → reasoning.

import type { PoolName, TriageRequest } from '../src/core/request';

/** A router that picks a pool from the request alone. */
export type SeedRouter = (request: TriageRequest) => PoolName;

const KEYWORD_TIERS: readonly (readonly [PoolName, RegExp])[] = [
  ['reasoning', /\b(design(s|ed|ing)?|architecture|prove[sdn]?|proving|proof|optimi[sz](e|es|ed|ing|ation))\b|\btrade-?offs?\b/i],
  ['coding', /\b(implement(s|ed|ing)?|write|writes|writing|written|fix(es|ed|ing)?|refactor(s|ed|ing)?)\b/i],
  ['quick', /\bexplain\w*|\bwhat is\b|\bwhat's\b/i],
  ['local', /\b(renam\w*|format\w*|typos?|comment\w*)\b/i],
];

/** Keyword tiers: first tier (strongest first) whose words appear in the instruction; quick otherwise. */
export const keywordTierRouter: SeedRouter = (request) => {
  for (const [pool, words] of KEYWORD_TIERS) if (words.test(request.instruction)) return pool;
  return 'quick';
};

const CODE_HINT = /```|[{};]\s*$|\b(def|function|class|return|import|const|let|var|public|void|#include)\b/m;
const STEP_WORDS = ['first', 'then', 'next', 'finally', 'steps?', 'after that', 'also', 'additionally'].map((w) => new RegExp(`\\b${w}\\b`, 'i'));

/** The complexity score of a request (see the file comment). */
export function complexityScore(request: TriageRequest): number {
  const text = request.selection ? `${request.instruction}\n${request.selection}` : request.instruction;
  let score = 0;
  if (text.length > 300) score += 1;
  if (text.length > 1000) score += 1;
  if (request.selection || CODE_HINT.test(text)) score += 2;
  if ((text.match(/\?/g) ?? []).length >= 2) score += 1;
  if ((text.match(/\d+(\.\d+)?/g) ?? []).length >= 3) score += 1;
  score += Math.min(2, STEP_WORDS.filter((w) => w.test(text)).length);
  return score;
}

/** Complexity score mapped to tiers by fixed thresholds. */
export const complexityScoreRouter: SeedRouter = (request) => {
  const score = complexityScore(request);
  if (score <= 0) return 'local';
  if (score <= 2) return 'quick';
  if (score <= 4) return 'coding';
  return 'reasoning';
};

/** Every request to one pool. */
export function alwaysRouter(pool: PoolName): SeedRouter {
  return () => pool;
}
