// Trains the sentence-encoder head and tunes its blend with the hashed model on leave-one-source-out predictions.

import { blendLogits, encoderApplies, encoderText, EncoderHead, trainEncoderHead, type EncoderHeadData, type HeadExample, type HeadOptions, DEFAULT_HEAD } from '../core/classifier/encoderHead';
import { softmax } from '../core/classifier/linearModel';
import type { PoolName } from '../core/request';
import { recordToRequest } from './dataset';
import { computeMetrics, decideRecord, realisedLoss, tuneMargin, type PreparedRecord } from './evaluation';

/** Where the head lives, next to weights.json. */
export const ENCODER_HEAD_FILE = 'src/core/classifier/encoderHead.json';
/** Blend weights tried; 0 is the hashed model alone. */
const BLENDS = [0.25, 0.5, 0.75, 1];
const MAX_UNDER = 0.05;

/** The texts the encoder embeds for these records (same order). */
export function encoderTexts(records: readonly PreparedRecord[]): string[] {
  return records.map((r) => encoderText(recordToRequest(r.record)));
}

/** Head log-probabilities for every record, each predicted by a head trained without its source group. */
export function losoHeadLogProbabilities(records: readonly PreparedRecord[], embeddings: readonly Int8Array[], options: HeadOptions = DEFAULT_HEAD): Float64Array[] {
  const out: Float64Array[] = records.map(() => new Float64Array(4));
  const groups = [...new Set(records.map((r) => r.group))].sort();
  for (const group of groups) {
    const head = new EncoderHead(trainEncoderHead(headExamples(records, embeddings, (r) => r.group !== group), options));
    records.forEach((r, i) => {
      if (r.group === group) out[i] = head.logProbabilities(embeddings[i] as Int8Array);
    });
  }
  return out;
}

function headExamples(records: readonly PreparedRecord[], embeddings: readonly Int8Array[], keep: (r: PreparedRecord) => boolean): HeadExample[] {
  return records.flatMap((r, i) => (!r.sensitive && keep(r) ? [{ embedding: embeddings[i] as Int8Array, label: r.record.label, group: r.group }] : []));
}

/** Blended probabilities as the runtime computes them (no head for Hangul-majority text). */
export function blendedProbabilities(records: readonly PreparedRecord[], hashed: readonly Float64Array[], head: readonly Float64Array[], blend: number): Float64Array[] {
  return records.map((r, i) => {
    const weight = encoderApplies(recordToRequest(r.record)) ? blend : 0;
    return softmax(blendLogits(Float64Array.from(hashed[i] as Float64Array, Math.log), head[i] as Float64Array, weight));
  });
}

/**
 * Picks the blend weight and margin with the least realised loss at ≤ 5% under-routing on LOSO predictions over all
 * training sources, then trains the shipped head on every record.
 */
export function trainShippedHead(
  records: readonly PreparedRecord[],
  hashedLoso: readonly Float64Array[],
  embeddings: readonly Int8Array[],
  options: HeadOptions = DEFAULT_HEAD,
  report: (line: string) => void = () => undefined,
): EncoderHeadData {
  const headLoso = losoHeadLogProbabilities(records, embeddings, options);
  const tunable = records.flatMap((r, i) => (!r.sensitive ? [i] : []));
  const truth = tunable.map((i) => records[i]?.record.label as PoolName);
  let best: { blend: number; margin: number; loss: number; under: number } | undefined;
  for (const blend of BLENDS) {
    const probs = blendedProbabilities(records, hashedLoso, headLoso, blend);
    const picked = tunable.map((i) => probs[i] as Float64Array);
    const margin = tuneMargin(truth, picked, MAX_UNDER);
    const chosen = tunable.map((i) => decideRecord(records[i] as PreparedRecord, probs[i] as Float64Array, margin));
    const metrics = computeMetrics(truth, chosen);
    const candidate = { blend, margin, loss: realisedLoss(truth, chosen), under: metrics.underRouting };
    report(`LOSO blend ${blend}: margin ${margin}, acc ${(metrics.accuracy * 100).toFixed(1)}%, under ${(metrics.underRouting * 100).toFixed(1)}%, loss ${candidate.loss.toFixed(3)}`);
    const fits = candidate.under <= MAX_UNDER;
    if (!best || (fits && (best.under > MAX_UNDER || candidate.loss < best.loss - 1e-12))) best = candidate;
  }
  const chosen = best as { blend: number; margin: number };
  return trainEncoderHead(headExamples(records, embeddings, () => true), options, chosen.blend, chosen.margin);
}

/** The exact bytes of encoderHead.json: one line per pool row. */
export function serialiseHead(head: EncoderHeadData): string {
  return [
    '{',
    `  "format": ${JSON.stringify(head.format)},`,
    `  "pools": ${JSON.stringify(head.pools)},`,
    `  "training": ${JSON.stringify(head.training)},`,
    `  "blend": ${JSON.stringify(head.blend)},`,
    `  "decisionMargin": ${JSON.stringify(head.decisionMargin)},`,
    `  "scale": ${JSON.stringify(head.scale)},`,
    `  "bias": ${JSON.stringify(head.bias)},`,
    `  "weights": [\n${head.weights.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ]`,
    '}',
    '',
  ].join('\n');
}
