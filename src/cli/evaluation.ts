// Honest measurement of the embedded classifier: leave-one-source-out and stratified k-fold, same trainer.

import { decidePool, routingLoss } from '../core/classifier/decision';
import { extractFeatures, type FeatureVector } from '../core/classifier/features';
import { detectSensitiveInRequest } from '../core/classifier/privacy';
import { LinearModel } from '../core/classifier/linearModel';
import { RequestClassifier } from '../core/classifier/requestClassifier';
import { DEFAULT_TRAINING, trainLinearModel, type TrainingExample, type TrainingOptions } from '../core/classifier/training';
import { POOLS, poolRank, type PoolName } from '../core/request';
import { recordToRequest, sourceGroup, type LabelledRecord } from './dataset';

/** Quality figures of a set of decisions. Confusion rows are true pools, columns chosen pools (POOLS order). */
export interface Metrics {
  readonly n: number;
  readonly accuracy: number;
  readonly macroF1: number;
  /** Share of requests sent to a pool cheaper than their label. */
  readonly underRouting: number;
  /** Share of requests sent to a pool dearer than their label. */
  readonly overRouting: number;
  readonly confusion: readonly (readonly number[])[];
}

/** One record ready for training: features computed once. */
export interface PreparedRecord {
  readonly record: LabelledRecord;
  readonly features: FeatureVector;
  readonly group: string;
  /** True for records of the dev set (the ones reported); false for authored extras. */
  readonly reported: boolean;
  /** True when the privacy rule sends the record to `local`; such records are not trained on. */
  readonly sensitive: boolean;
}

/** Everything evaluateClassifier() measures. */
export interface EvaluationReport {
  readonly loso: Metrics;
  /** LOSO accuracy etc. per held-out dev source. */
  readonly losoBySource: Readonly<Record<string, Metrics>>;
  /** LOSO on the authored extra records (trained without them), when any were given. */
  readonly losoExtra?: Metrics;
  readonly kfold: Metrics;
  /** Margin tuned on all LOSO predictions (what `npm run train` ships). */
  readonly margin: number;
}

/** Computes accuracy, macro-F1, under/over-routing and the confusion matrix. */
export function computeMetrics(truth: readonly PoolName[], chosen: readonly PoolName[]): Metrics {
  const confusion = POOLS.map(() => POOLS.map(() => 0));
  let under = 0;
  let over = 0;
  truth.forEach((t, i) => {
    const ti = poolRank(t);
    const ci = poolRank(chosen[i] as PoolName);
    (confusion[ti] as number[])[ci]! += 1;
    if (ci < ti) under++;
    if (ci > ti) over++;
  });
  const n = truth.length;
  const f1s = POOLS.map((_, k) => {
    const tp = (confusion[k] as number[])[k] as number;
    const predicted = confusion.reduce((s, row) => s + (row[k] as number), 0);
    const actual = (confusion[k] as number[]).reduce((s, v) => s + v, 0);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = actual > 0 ? tp / actual : 0;
    return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  });
  const correct = POOLS.reduce((s, _, k) => s + ((confusion[k] as number[])[k] as number), 0);
  return {
    n,
    accuracy: n > 0 ? correct / n : 0,
    macroF1: f1s.reduce((a, b) => a + b, 0) / POOLS.length,
    underRouting: n > 0 ? under / n : 0,
    overRouting: n > 0 ? over / n : 0,
    confusion,
  };
}

/** Featurises records once; `reported` marks the ones whose metrics count. */
export function prepareRecords(records: readonly LabelledRecord[], reported: boolean): PreparedRecord[] {
  return records.map((record) => {
    const request = recordToRequest(record);
    const sensitive = detectSensitiveInRequest(request).length > 0;
    return { record, features: extractFeatures(request), group: sourceGroup(record.source), reported, sensitive };
  });
}

/** Training examples of the records the model should learn from (sensitive ones are the privacy rule's). */
export function toExamples(records: readonly PreparedRecord[]): TrainingExample[] {
  return records.filter((r) => !r.sensitive).map((r) => ({ features: r.features, label: r.record.label, group: r.group }));
}

/** The shipped decision: privacy first, then the cost-aware choice over the model's probabilities. */
export function decideRecord(record: PreparedRecord, probabilities: Float64Array, margin: number): PoolName {
  return record.sensitive ? 'local' : decidePool(probabilities, margin);
}

/** Out-of-fold probabilities: each record predicted by a model trained without its fold. */
export function outOfFoldProbabilities(
  records: readonly PreparedRecord[],
  foldOf: (record: PreparedRecord, index: number) => string | undefined,
  options: TrainingOptions = DEFAULT_TRAINING,
): Float64Array[] {
  const folds = new Map<string, number[]>();
  records.forEach((r, i) => {
    const fold = foldOf(r, i);
    if (fold === undefined) return;
    const list = folds.get(fold) ?? [];
    list.push(i);
    folds.set(fold, list);
  });
  const out: Float64Array[] = records.map(() => new Float64Array(POOLS.length));
  for (const fold of [...folds.keys()].sort()) {
    const held = new Set(folds.get(fold));
    const model = new LinearModel(trainLinearModel(toExamples(records.filter((_, i) => !held.has(i))), options));
    for (const i of held) out[i] = model.predict((records[i] as PreparedRecord).features);
  }
  return out;
}

/** Leave-one-source-out probabilities for every record (extras included, each group held out once). */
export function losoProbabilities(records: readonly PreparedRecord[], options: TrainingOptions = DEFAULT_TRAINING): Float64Array[] {
  return outOfFoldProbabilities(records, (r) => r.group, options);
}

/** What an under-routed request really costs per pool step, relative to one step of over-routing (a retry). */
export const UNDER_ROUTING_COST = 2;

/** Mean realised routing loss of decisions, with under-routing steps weighted by UNDER_ROUTING_COST. */
export function realisedLoss(truth: readonly PoolName[], chosen: readonly PoolName[]): number {
  let loss = 0;
  truth.forEach((t, i) => (loss += routingLoss(poolRank(t), poolRank(chosen[i] as PoolName), UNDER_ROUTING_COST)));
  return truth.length > 0 ? loss / truth.length : 0;
}

/**
 * The decision margin in [1, 6] with the least realised loss whose under-routing stays within
 * `maxUnder` (the least under-routing if none does). Ties go to the smaller margin.
 */
export function tuneMargin(truth: readonly PoolName[], probabilities: readonly Float64Array[], maxUnder = 0.05): number {
  let best: { margin: number; loss: number; under: number } | undefined;
  for (let step = 0; step <= 20; step++) {
    const margin = 1 + step * 0.25;
    const chosen = probabilities.map((p) => decidePool(p, margin));
    const candidate = { margin, loss: realisedLoss(truth, chosen), under: computeMetrics(truth, chosen).underRouting };
    if (!best) best = candidate;
    const bothOk = candidate.under <= maxUnder && best.under <= maxUnder;
    if (bothOk ? candidate.loss < best.loss - 1e-12 : best.under > maxUnder && candidate.under < best.under) best = candidate;
  }
  return (best as { margin: number }).margin;
}

/** Deterministic PRNG (mulberry32) for fold assignment. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stratified fold index per reported record (undefined for extras: always trained on). */
function stratifiedFolds(records: readonly PreparedRecord[], k: number, seed: number): (string | undefined)[] {
  const random = mulberry32(seed);
  const folds: (string | undefined)[] = records.map(() => undefined);
  for (const pool of POOLS) {
    const indices = records.flatMap((r, i) => (r.reported && r.record.label === pool ? [i] : []));
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
    }
    indices.forEach((index, position) => (folds[index] = `fold${position % k}`));
  }
  return folds;
}

/**
 * Measures the classifier on `dev` with the training code that ships: leave-one-source-out
 * (each dev source predicted by a model trained on the other sources plus `extra`) and
 * stratified k-fold. LOSO decisions use a margin tuned on the other sources' LOSO predictions.
 */
export function evaluateClassifier(
  dev: readonly LabelledRecord[],
  extra: readonly LabelledRecord[] = [],
  options: TrainingOptions = DEFAULT_TRAINING,
  folds = 5,
): EvaluationReport {
  const records = [...prepareRecords(dev, true), ...prepareRecords(extra, false)];
  const loso = losoProbabilities(records, options);
  const truth = records.map((r) => r.record.label);
  const groups = [...new Set(records.filter((r) => r.reported).map((r) => r.group))].sort();
  const chosen: PoolName[] = records.map(() => 'local');
  for (const group of groups) {
    const others = records.flatMap((r, i) => (r.reported && !r.sensitive && r.group !== group ? [i] : []));
    const margin = tuneMargin(others.map((i) => truth[i] as PoolName), others.map((i) => loso[i] as Float64Array));
    records.forEach((r, i) => {
      if (r.group === group) chosen[i] = decideRecord(r, loso[i] as Float64Array, margin);
    });
  }
  const reportedIdx = records.flatMap((r, i) => (r.reported ? [i] : []));
  const tuneIdx = reportedIdx.filter((i) => !records[i]?.sensitive);
  const margin = tuneMargin(tuneIdx.map((i) => truth[i] as PoolName), tuneIdx.map((i) => loso[i] as Float64Array));
  const pick = (idx: number[], decisions: readonly PoolName[]): Metrics =>
    computeMetrics(idx.map((i) => truth[i] as PoolName), idx.map((i) => decisions[i] as PoolName));
  const losoBySource: Record<string, Metrics> = {};
  for (const group of groups) losoBySource[group] = pick(reportedIdx.filter((i) => records[i]?.group === group), chosen);
  const extraIdx = records.flatMap((r, i) => (r.reported ? [] : [i]));
  const extraChosen = records.map((r, i) => decideRecord(r, loso[i] as Float64Array, margin));
  const foldOf = stratifiedFolds(records, folds, options.seed);
  const kfoldProbs = outOfFoldProbabilities(records, (_, i) => foldOf[i], options);
  const kfoldChosen = records.map((r, i) => decideRecord(r, kfoldProbs[i] as Float64Array, margin));
  return {
    loso: pick(reportedIdx, chosen),
    losoBySource,
    ...(extraIdx.length > 0 ? { losoExtra: pick(extraIdx, extraChosen) } : {}),
    kfold: pick(reportedIdx, kfoldChosen),
    margin,
  };
}

/** The shipped classifier on records it was never trained on: overall and per source. */
export interface UnseenReport {
  readonly overall: Metrics;
  readonly bySource: Readonly<Record<string, Metrics>>;
}

/**
 * Classifies `records` exactly as `npm run classify` does (shipped weights and margin, privacy rule) and scores
 * the decisions. Meant for prompts from sources never trained on: the nearest thing to the hidden evaluation.
 */
export function evaluateShipped(records: readonly LabelledRecord[], classifier = new RequestClassifier()): UnseenReport {
  const chosen = records.map((r) => classifier.classifyEmbedded(recordToRequest(r)).pool);
  const truth = records.map((r) => r.label);
  const bySource: Record<string, Metrics> = {};
  for (const group of [...new Set(records.map((r) => sourceGroup(r.source)))].sort()) {
    const idx = records.flatMap((r, i) => (sourceGroup(r.source) === group ? [i] : []));
    bySource[group] = computeMetrics(idx.map((i) => truth[i] as PoolName), idx.map((i) => chosen[i] as PoolName));
  }
  return { overall: computeMetrics(truth, chosen), bySource };
}
