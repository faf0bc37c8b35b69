// Training is deterministic: the same data gives the same bytes, and the shipped weights match the data.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EmbeddedClassifier } from '../../../src/core/classifier/embeddedClassifier';
import { LinearModel, parseLinearModel } from '../../../src/core/classifier/linearModel';
import { DATA_FILES, readLabelledFile } from '../../../src/cli/dataset';
import { computeMetrics, evaluateClassifier } from '../../../src/cli/evaluation';
import { serialiseModel, trainShippedModel, WEIGHTS_FILE } from '../../../src/cli/train';

describe('training', () => {
  const dev = readLabelledFile(DATA_FILES.dev);
  const extra = readLabelledFile(DATA_FILES.extra);

  it('gives identical bytes when run twice on the same subset', () => {
    const subset = [...dev.filter((_, i) => i % 5 === 0), ...extra.filter((_, i) => i % 5 === 0)];
    const a = serialiseModel(trainShippedModel(subset));
    const b = serialiseModel(trainShippedModel(subset));
    assert.equal(a, b);
    assert.doesNotThrow(() => parseLinearModel(JSON.parse(a)));
  });

  it('regenerates the shipped weights.json byte for byte', function () {
    this.timeout(60000);
    const expected = readFileSync(WEIGHTS_FILE, 'utf8');
    assert.equal(serialiseModel(trainShippedModel(dev, extra)), expected, 'run `npm run train` and commit weights.json');
    assert.ok(expected.length < 1024 * 1024);
  });

  it('ships a model that parses and classifies', () => {
    const model = new LinearModel(parseLinearModel(JSON.parse(readFileSync(WEIGHTS_FILE, 'utf8'))));
    const c = new EmbeddedClassifier(model).classify({ kind: 'edit', instruction: 'Fix the typo in the comment', selection: '# retrun the sum\nreturn a + b' });
    assert.equal(c.pool, 'local');
    assert.match(c.reason, /→ local$/);
  });

  it('computes metrics, under- and over-routing', () => {
    const m = computeMetrics(['local', 'coding', 'reasoning', 'quick'], ['local', 'quick', 'reasoning', 'coding']);
    assert.equal(m.accuracy, 0.5);
    assert.equal(m.underRouting, 0.25);
    assert.equal(m.overRouting, 0.25);
    assert.equal(m.confusion[2]?.[1], 1);
  });

  it('evaluates leave-one-source-out without training on the held-out source', function () {
    this.timeout(60000);
    const small = dev.filter((_, i) => i % 4 === 0);
    const report = evaluateClassifier(small, [], undefined, 3);
    assert.equal(report.loso.n, small.length);
    assert.ok(Object.keys(report.losoBySource).includes('codealpaca'));
    assert.ok(report.kfold.accuracy >= report.loso.accuracy - 0.05, 'in-distribution CV should not trail LOSO');
  });
});
