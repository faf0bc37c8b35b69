// The shipped model: its JSON format (quantised weights), validation, and softmax prediction.

import { POOLS, type PoolName } from '../request';
import type { FeatureVector } from './features';
import { HASH_BUCKETS } from './hashing';
import { STRUCTURAL_NAMES } from './structuralFeatures';

const CLASSES = POOLS.length;

/** weights.json as written by `npm run train`: int8-range weights times `scale`. */
export interface LinearModelData {
  readonly format: 'triage-linear-v1';
  readonly pools: readonly PoolName[];
  /** Seed and options the trainer ran with, for provenance. */
  readonly training: Readonly<Record<string, number | string>>;
  /** Under-routing cost multiplier tuned on leave-one-source-out predictions. */
  readonly decisionMargin: number;
  /** Multiply every stored integer by this to get the weight. */
  readonly scale: number;
  readonly bias: readonly number[];
  /** Structural weights by feature name. */
  readonly structural: Readonly<Record<string, readonly number[]>>;
  /** N-gram weights by hash bucket (decimal string). */
  readonly buckets: Readonly<Record<string, readonly number[]>>;
}

function isWeightRow(value: unknown): value is number[] {
  return Array.isArray(value) && value.length === CLASSES && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** Checks that an unknown value is a well-formed LinearModelData; throws with the first problem. */
export function parseLinearModel(value: unknown): LinearModelData {
  const data = value as Partial<LinearModelData> | null;
  if (typeof data !== 'object' || data === null || data.format !== 'triage-linear-v1') throw new Error('weights: unknown format');
  if (!Array.isArray(data.pools) || data.pools.join() !== POOLS.join()) throw new Error('weights: pools differ from POOLS');
  if (typeof data.scale !== 'number' || !(data.scale > 0)) throw new Error('weights: bad scale');
  if (typeof data.decisionMargin !== 'number' || !(data.decisionMargin >= 1)) throw new Error('weights: bad decisionMargin');
  if (!isWeightRow(data.bias)) throw new Error('weights: bad bias');
  for (const table of [data.structural, data.buckets]) {
    if (typeof table !== 'object' || table === null) throw new Error('weights: missing table');
    for (const row of Object.values(table)) if (!isWeightRow(row)) throw new Error('weights: bad row');
  }
  return data as LinearModelData;
}

/** A multinomial logistic regression over structural features and hashed n-grams. */
export class LinearModel {
  private readonly bias: Float64Array;
  private readonly structural: Float64Array;
  private readonly buckets: Map<number, Float64Array>;
  /** One bit per hash bucket that has a row, so the many buckets without one cost a bit test. */
  private readonly hasRow = new Uint8Array(HASH_BUCKETS >>> 3);

  /** Builds the runtime model from validated data. */
  constructor(readonly data: LinearModelData) {
    this.bias = Float64Array.from(data.bias, (v) => v * data.scale);
    this.structural = new Float64Array(STRUCTURAL_NAMES.length * CLASSES);
    STRUCTURAL_NAMES.forEach((name, i) => {
      const row = data.structural[name];
      if (row) for (let c = 0; c < CLASSES; c++) this.structural[i * CLASSES + c] = (row[c] as number) * data.scale;
    });
    this.buckets = new Map();
    for (const [key, row] of Object.entries(data.buckets)) {
      const bucket = Number(key);
      this.buckets.set(bucket, Float64Array.from(row, (v) => v * data.scale));
      if (Number.isInteger(bucket) && bucket >= 0 && bucket < HASH_BUCKETS) this.hasRow[bucket >>> 3] = (this.hasRow[bucket >>> 3] as number) | (1 << (bucket & 7));
    }
  }

  /** Raw class scores for a feature vector, in POOLS order. */
  logits(features: FeatureVector): Float64Array {
    const out = Float64Array.from(this.bias);
    const s = features.structural;
    for (let i = 0; i < s.length; i++) {
      const v = s[i] as number;
      if (v === 0) continue;
      for (let c = 0; c < CLASSES; c++) out[c] = (out[c] as number) + v * (this.structural[i * CLASSES + c] as number);
    }
    for (let j = 0; j < features.buckets.length; j++) {
      const bucket = features.buckets[j] as number;
      if (bucket >= 0 && bucket < HASH_BUCKETS && (((this.hasRow[bucket >>> 3] as number) >>> (bucket & 7)) & 1) === 0) continue;
      const row = this.buckets.get(bucket);
      if (!row) continue;
      const v = features.values[j] as number;
      for (let c = 0; c < CLASSES; c++) out[c] = (out[c] as number) + v * (row[c] as number);
    }
    return out;
  }

  /**
   * How much each structural feature pushed class `c` above the average of the classes,
   * largest first; only positive pushes. Used to explain a decision.
   */
  structuralReasons(features: FeatureVector, c: number): { name: string; push: number }[] {
    const out: { name: string; push: number }[] = [];
    features.structural.forEach((v, i) => {
      if (v === 0) return;
      let mean = 0;
      for (let k = 0; k < CLASSES; k++) mean += (this.structural[i * CLASSES + k] as number) / CLASSES;
      const push = v * ((this.structural[i * CLASSES + c] as number) - mean);
      if (push > 0) out.push({ name: STRUCTURAL_NAMES[i] as string, push });
    });
    return out.sort((a, b) => b.push - a.push);
  }

  /** Class probabilities in POOLS order (softmax of the logits). */
  predict(features: FeatureVector): Float64Array {
    return softmax(this.logits(features));
  }
}

/** Numerically stable softmax. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] as number);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] as number) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}
