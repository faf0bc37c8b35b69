// Trains the linear model: source-aware n-gram pruning, L2-regularised softmax regression, quantisation.

import { POOLS, poolRank, type PoolName } from '../request';
import type { FeatureVector } from './features';
import { minimise } from './lbfgs';
import type { LinearModelData } from './linearModel';
import { STRUCTURAL_NAMES } from './structuralFeatures';

const CLASSES = POOLS.length;

/** One labelled, already-featurised training example. */
export interface TrainingExample {
  readonly features: FeatureVector;
  readonly label: PoolName;
  /** Source group (dataset) the example came from; drives pruning and balancing. */
  readonly group: string;
}

/** Hyper-parameters of trainLinearModel(). */
export interface TrainingOptions {
  /** L2 strength on structural weights. */
  readonly l2Structural: number;
  /** L2 strength on n-gram weights (higher: n-grams carry source style). */
  readonly l2Ngram: number;
  /** Keep an n-gram only if it occurs in at least this many source groups. */
  readonly minGroups: number;
  /** Keep an n-gram only if it occurs in at least this many examples. */
  readonly minCount: number;
  /** Example weight ∝ groupSize^-balance (0: none, 1: every group weighs the same). */
  readonly balance: number;
  readonly maxIterations: number;
  /** Drop n-gram rows whose largest |weight| is below this. */
  readonly pruneBelow: number;
  /** Recorded for provenance; training itself is deterministic. */
  readonly seed: number;
}

/** Defaults chosen on leave-one-source-out results (see src/cli/evaluate.ts). */
export const DEFAULT_TRAINING: TrainingOptions = {
  l2Structural: 0.0000625,
  l2Ngram: 0.02,
  minGroups: 3,
  minCount: 3,
  balance: 0.5,
  maxIterations: 250,
  pruneBelow: 0.015,
  seed: 20261123,
};

/** Buckets kept for training: frequent enough and seen in enough source groups. */
function selectBuckets(examples: readonly TrainingExample[], options: TrainingOptions): number[] {
  const groups = new Map<number, Set<string>>();
  const counts = new Map<number, number>();
  for (const example of examples) {
    for (const bucket of example.features.buckets) {
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      let set = groups.get(bucket);
      if (!set) groups.set(bucket, (set = new Set()));
      set.add(example.group);
    }
  }
  return [...counts.keys()]
    .filter((b) => (counts.get(b) as number) >= options.minCount && (groups.get(b) as Set<string>).size >= options.minGroups)
    .sort((a, b) => a - b);
}

function exampleWeights(examples: readonly TrainingExample[], balance: number): Float64Array {
  const sizes = new Map<string, number>();
  for (const e of examples) sizes.set(e.group, (sizes.get(e.group) ?? 0) + 1);
  const weights = Float64Array.from(examples, (e) => Math.pow(sizes.get(e.group) as number, -balance));
  const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
  return weights.map((w) => w / mean);
}

/**
 * Trains a model on featurised examples. Deterministic: the same examples in the same
 * order and the same options give the same weights, bit for bit.
 */
export function trainLinearModel(
  examples: readonly TrainingExample[],
  options: TrainingOptions = DEFAULT_TRAINING,
  decisionMargin = 1,
): LinearModelData {
  const S = STRUCTURAL_NAMES.length;
  const kept = selectBuckets(examples, options);
  const column = new Map(kept.map((b, i) => [b, S + i]));
  const dims = S + kept.length;
  const biasOffset = dims * CLASSES;
  const weights = exampleWeights(examples, options.balance);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const rows = examples.map((e) => {
    const cols: number[] = [];
    const vals: number[] = [];
    e.features.structural.forEach((v, i) => {
      if (v !== 0) {
        cols.push(i);
        vals.push(v);
      }
    });
    e.features.buckets.forEach((b, j) => {
      const c = column.get(b);
      if (c !== undefined) {
        cols.push(c);
        vals.push(e.features.values[j] as number);
      }
    });
    return { cols, vals, label: poolRank(e.label) };
  });

  const objective = (x: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    const z = new Float64Array(CLASSES);
    rows.forEach((row, n) => {
      for (let c = 0; c < CLASSES; c++) z[c] = x[biasOffset + c] as number;
      for (let k = 0; k < row.cols.length; k++) {
        const base = (row.cols[k] as number) * CLASSES;
        const v = row.vals[k] as number;
        for (let c = 0; c < CLASSES; c++) z[c] = (z[c] as number) + v * (x[base + c] as number);
      }
      let max = -Infinity;
      for (let c = 0; c < CLASSES; c++) max = Math.max(max, z[c] as number);
      let sum = 0;
      for (let c = 0; c < CLASSES; c++) sum += Math.exp((z[c] as number) - max);
      const w = (weights[n] as number) / totalWeight;
      loss += w * (Math.log(sum) + max - (z[row.label] as number));
      for (let c = 0; c < CLASSES; c++) {
        const g = w * (Math.exp((z[c] as number) - max) / sum - (c === row.label ? 1 : 0));
        grad[biasOffset + c] = (grad[biasOffset + c] as number) + g;
        for (let k = 0; k < row.cols.length; k++) {
          const i = (row.cols[k] as number) * CLASSES + c;
          grad[i] = (grad[i] as number) + g * (row.vals[k] as number);
        }
      }
    });
    for (let i = 0; i < biasOffset; i++) {
      const l2 = i < S * CLASSES ? options.l2Structural : options.l2Ngram;
      const xi = x[i] as number;
      loss += 0.5 * l2 * xi * xi;
      grad[i] = (grad[i] as number) + l2 * xi;
    }
    return loss;
  };

  const solution = minimise(objective, new Float64Array(biasOffset + CLASSES), { maxIterations: options.maxIterations });
  return quantise(solution, kept, options, decisionMargin);
}

function quantise(x: Float64Array, kept: readonly number[], options: TrainingOptions, decisionMargin: number): LinearModelData {
  const S = STRUCTURAL_NAMES.length;
  const biasOffset = (S + kept.length) * CLASSES;
  let maxAbs = 0;
  for (let i = 0; i < x.length; i++) maxAbs = Math.max(maxAbs, Math.abs(x[i] as number));
  const scale = Number(((maxAbs || 1) / 127).toPrecision(6));
  const row = (offset: number): number[] => {
    const out: number[] = [];
    for (let c = 0; c < CLASSES; c++) out.push(Math.round((x[offset + c] as number) / scale) + 0);
    return out;
  };
  const structural: Record<string, number[]> = {};
  STRUCTURAL_NAMES.forEach((name, i) => {
    const r = row(i * CLASSES);
    if (r.some((v) => v !== 0)) structural[name] = r;
  });
  const buckets: Record<string, number[]> = {};
  kept.forEach((bucket, j) => {
    const offset = (S + j) * CLASSES;
    let largest = 0;
    for (let c = 0; c < CLASSES; c++) largest = Math.max(largest, Math.abs(x[offset + c] as number));
    const r = row(offset);
    if (largest >= options.pruneBelow && r.some((v) => v !== 0)) buckets[String(bucket)] = r;
  });
  return {
    format: 'triage-linear-v1',
    pools: [...POOLS],
    training: { ...options },
    decisionMargin,
    scale,
    bias: row(biasOffset),
    structural,
    buckets,
  };
}
