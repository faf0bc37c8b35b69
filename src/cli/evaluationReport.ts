// The figures `npm run evaluate` prints: LOSO over all training groups, the unseen set per kind and source, privacy, latency.

import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { EmbeddedClassifier } from '../core/classifier/embeddedClassifier';
import { EMBEDDING_SCALE, encoderText } from '../core/classifier/encoderHead';
import { detectSensitiveInRequest } from '../core/classifier/privacy';
import type { PoolName } from '../core/request';
import { WorkerSentenceEncoder } from '../providers/workerSentenceEncoder';
import { recordToRequest, sourceGroup, type LabelledRecord } from './dataset';
import { cachedEmbeddings } from './encoderCache';
import { computeMetrics, decideRecord, tuneMargin, type Metrics, type PreparedRecord } from './evaluation';
import { trainShippedModelWithLoso } from './train';
import { blendedProbabilities, encoderTexts, losoHeadLogProbabilities } from './trainEncoder';

/** LOSO over every training group: hashed model alone and blended with the encoder head, each with its tuned margin. */
export async function losoAllGroups(dev: readonly LabelledRecord[], extra: readonly LabelledRecord[], blend: number): Promise<{ hashed: Metrics; blended: Metrics; byGroup: Record<string, [Metrics, Metrics]>; margins: [number, number] }> {
  const { prepared, loso } = trainShippedModelWithLoso(dev, extra);
  const head = losoHeadLogProbabilities(prepared, await cachedEmbeddings(encoderTexts(prepared)));
  const blended = blendedProbabilities(prepared, loso, head, blend);
  const truth = prepared.map((r) => r.record.label);
  const tunable = prepared.flatMap((r, i) => (!r.sensitive ? [i] : []));
  const decide = (probs: readonly Float64Array[]): { chosen: PoolName[]; margin: number } => {
    const margin = tuneMargin(tunable.map((i) => truth[i] as PoolName), tunable.map((i) => probs[i] as Float64Array));
    return { chosen: prepared.map((r, i) => decideRecord(r, probs[i] as Float64Array, margin)), margin };
  };
  const a = decide(loso);
  const b = decide(blended);
  const byGroup: Record<string, [Metrics, Metrics]> = {};
  for (const group of [...new Set(prepared.map((r) => r.group))].sort()) {
    const idx = prepared.flatMap((r: PreparedRecord, i) => (r.group === group ? [i] : []));
    const m = (chosen: PoolName[]): Metrics => computeMetrics(idx.map((i) => truth[i] as PoolName), idx.map((i) => chosen[i] as PoolName));
    byGroup[group] = [m(a.chosen), m(b.chosen)];
  }
  return { hashed: computeMetrics(truth, a.chosen), blended: computeMetrics(truth, b.chosen), byGroup, margins: [a.margin, b.margin] };
}

/** Unseen records: decisions of the shipped hashed model and of the shipped blend (embeddings from the cache). */
export async function unseenDecisions(records: readonly LabelledRecord[]): Promise<{ hashed: PoolName[]; blended: PoolName[] }> {
  const classifier = new EmbeddedClassifier();
  const embeddings = await cachedEmbeddings(records.map((r) => encoderText(recordToRequest(r))));
  const decide = (r: LabelledRecord, embedding?: Int8Array): PoolName => {
    const request = recordToRequest(r);
    if (detectSensitiveInRequest(request).length > 0) return 'local';
    return classifier.classify(request, embedding ? { embedding: Array.from(embedding, (v) => v * EMBEDDING_SCALE) } : {}).pool;
  };
  return { hashed: records.map((r) => decide(r)), blended: records.map((r, i) => decide(r, embeddings[i])) };
}

/** Metrics per slice (kind, source) of unseen records. */
export function slices(records: readonly LabelledRecord[], chosen: readonly PoolName[]): Record<string, Metrics> {
  const out: Record<string, Metrics> = {};
  const keys = (r: LabelledRecord): string[] => ['all', `kind ${r.kind}`, /[\uac00-\ud7a3]/.test(r.text) ? 'korean' : 'not korean', sourceGroup(r.source)];
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => keys(r).forEach((k) => groups.set(k, [...(groups.get(k) ?? []), i])));
  for (const [k, idx] of groups) out[k] = computeMetrics(idx.map((i) => records[i]?.label as PoolName), idx.map((i) => chosen[i] as PoolName));
  return out;
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

/**
 * Latency in ms (p50, p99): the hashed model in a tight loop, and one request end to end through the worker
 * encoder (message, embedding, blend), after the worker has loaded.
 */
export async function latency(records: readonly LabelledRecord[]): Promise<{ hashed: [number, number]; encoder: [number, number]; loadMs: number }> {
  const classifier = new EmbeddedClassifier();
  const requests = records.map(recordToRequest);
  const hashed: number[] = [];
  for (let pass = 0; pass < 4; pass++)
    for (const r of requests) {
      const t = performance.now();
      classifier.classify(r);
      if (pass > 0) hashed.push(performance.now() - t);
    }
  const encoder = new WorkerSentenceEncoder(() => new Worker(require.resolve('../providers/sentenceEncoderWorker.ts'), { execArgv: ['--import', 'tsx'] }));
  const start = performance.now();
  await encoder.embed('warm up');
  const loadMs = performance.now() - start;
  const withEncoder: number[] = [];
  for (const r of requests.slice(0, 200)) {
    const t = performance.now();
    const embedding = await encoder.embed(encoderText(r));
    classifier.classify(r, { embedding });
    withEncoder.push(performance.now() - t);
  }
  await encoder.dispose();
  return { hashed: [percentile(hashed, 0.5), percentile(hashed, 0.99)], encoder: [percentile(withEncoder, 0.5), percentile(withEncoder, 0.99)], loadMs };
}
