// Turns a request into the sparse feature vector the linear model reads; identical at train and run time.

import type { TriageRequest } from '../request';
import { HASH_BUCKETS, fnv1aJoined } from './hashing';
import { STRUCTURAL_NAMES, structuralFeatures, type RequestShape } from './structuralFeatures';
import { isCjkToken, tokenize } from './textAnalysis';

/** Prose beyond this many tokens adds no n-grams (long prompts cost the same as medium ones). */
const MAX_TOKENS = 160;

/** A sparse feature vector: structural features first, then hashed n-gram buckets. */
export interface FeatureVector {
  /** Dense structural values, order of STRUCTURAL_NAMES. */
  readonly structural: Float64Array;
  /** Hashed n-gram buckets, ascending, without duplicates. */
  readonly buckets: readonly number[];
  /** Value per bucket (L2-normalised block). */
  readonly values: readonly number[];
  readonly shape: RequestShape;
}

/**
 * Hash buckets of the n-grams of a prose text: words (`w`), word pairs (`b`), long-word stems (`s`),
 * CJK character pairs (`c`) and endings (`e`), and the first word (`f`). Each n-gram is hashed
 * as its parts joined by spaces, e.g. `b dry run`, without building the string.
 */
export function ngramBuckets(prose: string): number[] {
  const tokens = tokenize(prose, MAX_TOKENS);
  const out: number[] = [];
  const add = (parts: readonly string[]): void => {
    out.push(fnv1aJoined(parts) % HASH_BUCKETS);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    add(['w', token]);
    if (i + 1 < tokens.length) add(['b', token, tokens[i + 1] as string]);
    if (isCjkToken(token)) {
      for (let j = 0; j + 1 < token.length; j++) add(['c', token.slice(j, j + 2)]);
      if (token.length > 2) add(['e', token.slice(-2)]);
    } else if (token.length > 6) {
      add(['s', token.slice(0, 5)]);
    }
  }
  if (tokens.length > 0) add(['f', tokens[0] as string]);
  return out;
}

/**
 * Extracts the features of a request. Pure and deterministic: the same request gives
 * the same vector in the trainer and in the extension.
 */
export function extractFeatures(request: TriageRequest): FeatureVector {
  const { values: structural, shape } = structuralFeatures(request);
  const counts = new Map<number, number>();
  for (const bucket of ngramBuckets(shape.prose)) counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  const buckets = [...counts.keys()].sort((a, b) => a - b);
  let norm = 0;
  for (const bucket of buckets) norm += (counts.get(bucket) as number) ** 2;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const values = buckets.map((bucket) => (counts.get(bucket) as number) * scale);
  return { structural, buckets, values, shape };
}

/** Number of structural features. */
export const STRUCTURAL_COUNT = STRUCTURAL_NAMES.length;
