// Turns a request into the sparse feature vector the linear model reads; identical at train and run time.

import type { TriageRequest } from '../request';
import { HASH_BUCKETS } from './hashing';
import { ngramHashes, type HashBuffer } from './ngrams';
import { STRUCTURAL_NAMES, structuralFeatures, type RequestShape } from './structuralFeatures';

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
  const hashes: HashBuffer = { values: new Uint32Array(64), length: 0 };
  ngramHashes(prose, hashes);
  return Array.from(hashes.values.subarray(0, hashes.length), (hash) => hash % HASH_BUCKETS);
}

/** N-gram hashes of the request being featurised, reused across calls (extraction is synchronous). */
const scratch: HashBuffer = { values: new Uint32Array(2048), length: 0 };

/**
 * Extracts the features of a request. Pure and deterministic: the same request gives
 * the same vector in the trainer and in the extension.
 */
export function extractFeatures(request: TriageRequest): FeatureVector {
  const { values: structural, shape } = structuralFeatures(request);
  ngramHashes(shape.prose, scratch);
  const filled = scratch.length;
  const sorted = scratch.values.subarray(0, filled);
  for (let i = 0; i < filled; i++) sorted[i] = (sorted[i] as number) % HASH_BUCKETS;
  sorted.sort();
  const buckets: number[] = [];
  const counts: number[] = [];
  let norm = 0;
  for (let i = 0; i < filled; ) {
    const bucket = sorted[i] as number;
    let j = i + 1;
    while (j < filled && sorted[j] === bucket) j++;
    buckets.push(bucket);
    counts.push(j - i);
    norm += (j - i) ** 2;
    i = j;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const values = counts.map((count) => count * scale);
  return { structural, buckets, values, shape };
}

/** Number of structural features. */
export const STRUCTURAL_COUNT = STRUCTURAL_NAMES.length;

