// `npm run train`: regenerates src/core/classifier/weights.json from bench/data, deterministically.

import { writeFileSync } from 'node:fs';
import type { LinearModelData } from '../core/classifier/linearModel';
import { DEFAULT_TRAINING, trainLinearModel, type TrainingOptions } from '../core/classifier/training';
import type { PoolName } from '../core/request';
import { DATA_FILES, readLabelledFile, type LabelledRecord } from './dataset';
import { losoProbabilities, prepareRecords, toExamples, tuneMargin } from './evaluation';

/** Where the shipped weights live. */
export const WEIGHTS_FILE = 'src/core/classifier/weights.json';

/**
 * Trains the shipped model on `dev` plus `extra`. The decision margin is tuned on the dev records'
 * leave-one-source-out predictions (dev's labels are the specification; extras only add training data),
 * as `npm run evaluate` does for each held-out source.
 */
export function trainShippedModel(dev: readonly LabelledRecord[], extra: readonly LabelledRecord[] = [], options: TrainingOptions = DEFAULT_TRAINING): LinearModelData {
  const prepared = [...prepareRecords(dev, true), ...prepareRecords(extra, false)];
  const loso = losoProbabilities(prepared, options);
  const tunable = prepared.flatMap((r, i) => (r.reported && !r.sensitive ? [i] : []));
  const margin = tuneMargin(
    tunable.map((i) => prepared[i]?.record.label as PoolName),
    tunable.map((i) => loso[i] as Float64Array),
  );
  return trainLinearModel(toExamples(prepared), options, margin);
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

function main(): void {
  const model = trainShippedModel(readLabelledFile(DATA_FILES.dev), readLabelledFile(DATA_FILES.extra));
  const text = serialiseModel(model);
  writeFileSync(WEIGHTS_FILE, text);
  process.stderr.write(
    `wrote ${WEIGHTS_FILE}: ${Object.keys(model.structural).length} structural + ${Object.keys(model.buckets).length} n-gram rows, ` +
      `${text.length} bytes, margin ${model.decisionMargin}\n`,
  );
}

if (require.main === module) main();
