// `npm run train`: regenerates src/core/classifier/weights.json from bench/data, deterministically.

import { readFileSync, writeFileSync } from 'node:fs';
import type { LinearModelData } from '../core/classifier/linearModel';
import { DEFAULT_TRAINING, trainLinearModel, type TrainingOptions } from '../core/classifier/training';
import type { PoolName } from '../core/request';
import { DATA_FILES, readLabelledFile, readTrainingExtras, type LabelledRecord } from './dataset';
import { cachedEmbeddings } from './encoderCache';
import { losoProbabilities, prepareRecords, toExamples, tuneMargin, type PreparedRecord } from './evaluation';
import { ENCODER_HEAD_FILE, encoderTexts, serialiseHead, trainShippedHead } from './trainEncoder';

/** Where the shipped weights live. */
export const WEIGHTS_FILE = 'src/core/classifier/weights.json';

/**
 * Trains the shipped model on `dev` plus `extra` (route-extra and the written styles). The decision margin is tuned
 * on leave-one-source-out predictions over all of them, for at most 5% under-routing.
 */
export function trainShippedModel(dev: readonly LabelledRecord[], extra: readonly LabelledRecord[] = [], options: TrainingOptions = DEFAULT_TRAINING): LinearModelData {
  return trainShippedModelWithLoso(dev, extra, options).model;
}

/** trainShippedModel(), also returning the prepared records and their LOSO probabilities (the encoder head is tuned on them). */
export function trainShippedModelWithLoso(
  dev: readonly LabelledRecord[],
  extra: readonly LabelledRecord[] = [],
  options: TrainingOptions = DEFAULT_TRAINING,
): { model: LinearModelData; prepared: PreparedRecord[]; loso: Float64Array[] } {
  const prepared = [...prepareRecords(dev, true), ...prepareRecords(extra, false)];
  const loso = losoProbabilities(prepared, options);
  // Tuned on every training source's LOSO prediction (dev, extra, each written style held out in turn),
  // so the margin is chosen for sources the model has not seen, not for dev alone.
  const tunable = prepared.flatMap((r, i) => (!r.sensitive ? [i] : []));
  const margin = tuneMargin(
    tunable.map((i) => prepared[i]?.record.label as PoolName),
    tunable.map((i) => loso[i] as Float64Array),
  );
  return { model: trainLinearModel(toExamples(prepared), options, margin), prepared, loso };
}

/** The exact bytes written to weights.json: one line per table row, so diffs stay readable. */
export function serialiseModel(model: LinearModelData): string {
  const rows = (table: Readonly<Record<string, readonly number[]>>): string =>
    Object.entries(table)
      .map(([key, row]) => `    ${JSON.stringify(key)}: ${JSON.stringify(row)}`)
      .join(',\n');
  return [
    '{',
    `  "format": ${JSON.stringify(model.format)},`,
    `  "pools": ${JSON.stringify(model.pools)},`,
    `  "training": ${JSON.stringify(model.training)},`,
    `  "decisionMargin": ${JSON.stringify(model.decisionMargin)},`,
    `  "scale": ${JSON.stringify(model.scale)},`,
    `  "bias": ${JSON.stringify(model.bias)},`,
    `  "structural": {\n${rows(model.structural)}\n  },`,
    `  "buckets": {\n${rows(model.buckets)}\n  }`,
    '}',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  if (process.argv.includes('--check') && process.argv.includes('--all-written')) {
    // The candidate is not what is shipped: there is nothing to compare it with.
    process.stderr.write('train: --check compares the shipped weights with training on the shipped data; it cannot be combined with --all-written\n');
    process.exitCode = 2;
    return;
  }
  // --all-written trains the candidate on the later written files as well (measured, not shipped: README.md).
  const { model, prepared, loso } = trainShippedModelWithLoso(readLabelledFile(DATA_FILES.dev), readTrainingExtras(process.argv.includes('--all-written')));
  const text = serialiseModel(model);
  // Embeddings come from the gitignored cache (int8, so a recomputed one is the same numbers).
  const head = trainShippedHead(prepared, loso, await cachedEmbeddings(encoderTexts(prepared)), undefined, (line) => process.stderr.write(`${line}\n`));
  const headText = serialiseHead(head);
  if (process.argv.includes('--check')) {
    // Reproducibility check: the committed weights must be exactly what training writes.
    let ok = true;
    for (const [file, bytes] of [[WEIGHTS_FILE, text], [ENCODER_HEAD_FILE, headText]] as const) {
      const same = readFileSync(file, 'utf8') === bytes;
      ok &&= same;
      process.stderr.write(same ? `${file} matches training byte for byte\n` : `${file} differs from training: run \`npm run train\`\n`);
    }
    process.exitCode = ok ? 0 : 1;
    return;
  }
  writeFileSync(WEIGHTS_FILE, text);
  writeFileSync(ENCODER_HEAD_FILE, headText);
  process.stderr.write(`wrote ${ENCODER_HEAD_FILE}: blend ${head.blend}, margin ${head.decisionMargin}, ${headText.length} bytes\n`);
  process.stderr.write(
    `wrote ${WEIGHTS_FILE}: ${Object.keys(model.structural).length} structural + ${Object.keys(model.buckets).length} n-gram rows, ` +
      `${text.length} bytes, margin ${model.decisionMargin}\n`,
  );
}

if (require.main === module) void main();
