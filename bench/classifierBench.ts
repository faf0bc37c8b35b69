// Part 1: the trained classifier (leave-one-source-out headline, 5-fold beside it) against the seed routers and the
// two fixed choices, on the dev records: quality, cost relative to all-reasoning, latency per prompt and memory.

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RequestClassifier } from '../src/core/classifier/requestClassifier';
import { recordToRequest, sourceGroup, type LabelledRecord } from '../src/cli/dataset';
import {
  computeMetrics,
  decideRecord,
  evaluateClassifier,
  evaluateShipped,
  losoProbabilities,
  prepareRecords,
  tuneMargin,
  type Metrics,
} from '../src/cli/evaluation';
import { DEFAULT_POOL_REFS } from '../src/core/pools/poolsConfig';
import { DEFAULT_PRICES } from '../src/core/pricing/defaultPrices';
import { priceCall } from '../src/core/pricing/pricing';
import { POOLS, parseModelRef, type ModelRef, type PoolName, type TriageRequest } from '../src/core/request';
import type { ClassifierMemory } from './classifierMemoryProbe';
import { bundleForNode, runJsonProbe } from './probe';
import { alwaysRouter, complexityScoreRouter, keywordTierRouter, type SeedRouter } from './seedRouters';
import { percentiles, shuffled, type Percentiles } from './stats';

/** Typical request size the representative pool costs are priced at. */
export const TYPICAL_TOKENS = { input: 600, output: 300 } as const;
/** A weekday afternoon UTC: DeepSeek off-peak. */
const PRICED_AT = Date.UTC(2026, 10, 24, 14);

/** One row of the classifier table. */
export interface ClassifierRow {
  readonly name: string;
  readonly metrics: Metrics;
  /** Representative cost of the chosen pools over the cost of sending everything to reasoning. */
  readonly costVsReasoning: number;
  /** µs per prompt; absent where the row shares the line above's classifier. */
  readonly latencyMicros?: Percentiles;
  readonly memory?: ClassifierMemory;
}

/** Everything part 1 produces. */
export interface ClassifierReport {
  readonly rows: readonly ClassifierRow[];
  /** Representative cost per request per pool, micro-dollars. */
  readonly poolCostMicros: Readonly<Record<PoolName, number>>;
  readonly margin: number;
  /** LOSO decision for each dev record id (what the held-out replay row routes by). */
  readonly heldOut: ReadonlyMap<string, PoolName>;
  readonly timing: { readonly warmupPasses: number; readonly measuredPasses: number };
}

/** Each pool's first default model priced at TYPICAL_TOKENS; local is free. */
export function representativePoolCosts(): Record<PoolName, number> {
  const usage = { inputTokens: TYPICAL_TOKENS.input, cachedInputTokens: 0, outputTokens: TYPICAL_TOKENS.output };
  const costs = {} as Record<PoolName, number>;
  for (const pool of POOLS) {
    const ref = parseModelRef(DEFAULT_POOL_REFS[pool][0] as string) as ModelRef;
    costs[pool] = priceCall(DEFAULT_PRICES, ref, pool === 'local', usage, PRICED_AT).micros;
  }
  return costs;
}

/** Cost of a confusion matrix's chosen pools relative to every request going to reasoning. */
function costVsReasoning(metrics: Metrics, costs: Readonly<Record<PoolName, number>>): number {
  let spent = 0;
  POOLS.forEach((pool, k) => {
    for (const row of metrics.confusion) spent += (row[k] as number) * costs[pool];
  });
  return spent / (metrics.n * costs.reasoning);
}

/**
 * Per-record LOSO decisions, the way evaluateClassifier makes them (each source predicted by a model trained
 * without it, margin tuned on the other sources). evaluateClassifier returns only the figures, so this repeats it.
 */
export function losoDecisions(dev: readonly LabelledRecord[], extra: readonly LabelledRecord[]): Map<string, PoolName> {
  const records = [...prepareRecords(dev, true), ...prepareRecords(extra, false)];
  const probabilities = losoProbabilities(records);
  const decisions = new Map<string, PoolName>();
  const groups = [...new Set(dev.map((r) => sourceGroup(r.source)))].sort();
  for (const group of groups) {
    const others = records.flatMap((r, i) => (r.reported && !r.sensitive && r.group !== group ? [i] : []));
    const margin = tuneMargin(
      others.map((i) => records[i]?.record.label as PoolName),
      others.map((i) => probabilities[i] as Float64Array),
    );
    records.forEach((r, i) => {
      if (r.reported && r.group === group) decisions.set(r.record.id, decideRecord(r, probabilities[i] as Float64Array, margin));
    });
  }
  return decisions;
}

/**
 * µs per call of `classify` over `requests`: `warmup` unmeasured passes, then `passes` measured ones, each call
 * timed on its own, in a different shuffled order per pass (the method of bench/classifierLatency.ts).
 */
export function timePerPrompt(requests: readonly TriageRequest[], classify: (r: TriageRequest) => unknown, warmup = 3, passes = 10): Percentiles {
  const samples: number[] = [];
  let sink = 0;
  for (let pass = 0; pass < warmup + passes; pass++) {
    for (const request of shuffled(requests, pass + 1)) {
      const start = performance.now();
      const result = classify(request);
      const micros = (performance.now() - start) * 1000;
      if (result) sink++;
      if (pass >= warmup) samples.push(micros);
    }
  }
  if (sink < 0) throw new Error('unreachable');
  return percentiles(samples);
}

/** Heap and RSS a fresh Node process gains by loading the classifier bundle and classifying once (median of 3). */
async function classifierMemory(): Promise<ClassifierMemory & { readonly bundleBytes: number }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'triage-bench-classifier-'));
  try {
    const bundle = bundleForNode(path.join(__dirname, '..', 'src', 'core', 'classifier', 'requestClassifier.ts'), dir, 'classifier');
    const probe = bundleForNode(path.join(__dirname, 'classifierMemoryProbe.ts'), dir, 'probe');
    const runs: ClassifierMemory[] = [];
    for (let i = 0; i < 3; i++) runs.push(await runJsonProbe<ClassifierMemory>(probe, [bundle], ['--expose-gc']));
    const median = (values: number[]): number => values.sort((a, b) => a - b)[1] as number;
    return {
      heapBytes: median(runs.map((r) => r.heapBytes)),
      rssBytes: median(runs.map((r) => r.rssBytes)),
      bundleBytes: (await fs.stat(bundle)).size,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The shipped weights on prompts from other public sources, never trained on (not dev: its own n). */
function unseenRow(unseen: readonly LabelledRecord[], costs: Readonly<Record<PoolName, number>>): ClassifierRow {
  const metrics = evaluateShipped(unseen).overall;
  return { name: `Triage classifier (shipped), ${new Set(unseen.map((r) => sourceGroup(r.source))).size} unseen public sources`, metrics, costVsReasoning: costVsReasoning(metrics, costs) };
}

/** Runs part 1 on `dev` (with `extra` as extra training data, as `npm run train` uses it). */
export async function classifierBench(
  dev: readonly LabelledRecord[],
  extra: readonly LabelledRecord[],
  unseen: readonly LabelledRecord[] = [],
): Promise<ClassifierReport & { readonly classifierBundleBytes: number }> {
  const costs = representativePoolCosts();
  const report = evaluateClassifier(dev, extra);
  const heldOut = losoDecisions(dev, extra);
  const replicated = computeMetrics(dev.map((r) => r.label), dev.map((r) => heldOut.get(r.id) as PoolName));
  if (Math.abs(replicated.accuracy - report.loso.accuracy) > 1e-9) {
    throw new Error(`bench LOSO decisions disagree with evaluateClassifier (${replicated.accuracy} vs ${report.loso.accuracy})`);
  }
  const requests = dev.map(recordToRequest);
  const truth = dev.map((r) => r.label);
  const classifier = new RequestClassifier();
  const memory = await classifierMemory();
  const trainedLatency = timePerPrompt(requests, (r) => classifier.classifyEmbedded(r));
  const seed = (name: string, router: SeedRouter): ClassifierRow => {
    const metrics = computeMetrics(truth, requests.map(router));
    return { name, metrics, costVsReasoning: costVsReasoning(metrics, costs), latencyMicros: timePerPrompt(requests, router) };
  };
  const rows: ClassifierRow[] = [
    {
      name: 'Triage classifier, leave-one-source-out',
      metrics: report.loso,
      costVsReasoning: costVsReasoning(report.loso, costs),
      latencyMicros: trainedLatency,
      memory: { heapBytes: memory.heapBytes, rssBytes: memory.rssBytes },
    },
    { name: 'Triage classifier, 5-fold CV', metrics: report.kfold, costVsReasoning: costVsReasoning(report.kfold, costs) },
    ...(unseen.length > 0 ? [unseenRow(unseen, costs)] : []),
    seed('keyword tiers (seed)', keywordTierRouter),
    seed('complexity score (seed)', complexityScoreRouter),
    seed('always reasoning', alwaysRouter('reasoning')),
    seed('always quick', alwaysRouter('quick')),
  ];
  return { rows, poolCostMicros: costs, margin: report.margin, heldOut, timing: { warmupPasses: 3, measuredPasses: 10 }, classifierBundleBytes: memory.bundleBytes };
}
