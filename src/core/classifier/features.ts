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

/** Bucket numbers have BUCKET_BITS bits; the radix sort takes them in two halves. */
const BUCKET_BITS = Math.ceil(Math.log2(HASH_BUCKETS));
const RADIX_BITS = Math.ceil(BUCKET_BITS / 2);
const RADIX = 1 << RADIX_BITS;
const radixCounts = new Int32Array(RADIX + 1);
let radixTemp: Uint32Array = new Uint32Array(2048);

/**
 * Sorts `values[0 .. n)` (each below HASH_BUCKETS) ascending, in place: an LSD radix sort in two
 * passes, about twice as fast as TypedArray#sort for the few hundred buckets of a long prompt.
 */
export function sortBuckets(values: Uint32Array, n: number): void {
  if (n <= 64) {
    values.subarray(0, n).sort();
    return;
  }
  if (radixTemp.length < n) radixTemp = new Uint32Array(values.length);
  const temp = radixTemp;
  let from: Uint32Array = values;
  let to: Uint32Array = temp;
  for (let shift = 0; shift < 2 * RADIX_BITS; shift += RADIX_BITS) {
    radixCounts.fill(0);
    for (let i = 0; i < n; i++) radixCounts[(((from[i] as number) >>> shift) & (RADIX - 1)) + 1]++;
    for (let b = 0; b < RADIX; b++) radixCounts[b + 1] = (radixCounts[b + 1] as number) + (radixCounts[b] as number);
    for (let i = 0; i < n; i++) {
      const v = from[i] as number;
      to[radixCounts[(v >>> shift) & (RADIX - 1)]++] = v;
    }
    [from, to] = [to, from];
  }
  if (from !== values) values.set(from.subarray(0, n));
}

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
  sortBuckets(scratch.values, filled);
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

