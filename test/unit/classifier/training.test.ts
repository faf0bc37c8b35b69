// Training is deterministic: the same data gives the same bytes, and the shipped weights match the data.

import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { EmbeddedClassifier } from '../../../src/core/classifier/embeddedClassifier';
import { LinearModel, parseLinearModel } from '../../../src/core/classifier/linearModel';
import { CANDIDATE_WRITTEN_FILES, DATA_FILES, readLabelledFile, readTrainingExtras, sourceGroup, WRITTEN_FILES } from '../../../src/cli/dataset';
import { computeMetrics, evaluateClassifier } from '../../../src/cli/evaluation';
import { serialiseModel, trainShippedModel, WEIGHTS_FILE } from '../../../src/cli/train';

describe('training', () => {
  const dev = readLabelledFile(DATA_FILES.dev);
  const extra = readLabelledFile(DATA_FILES.extra);

  it('gives identical bytes when run twice on the same subset (written styles included)', function () {
    // Two CPU-bound training runs: ~12 s alone, 22 s at load 30 on this machine (main too), beyond mocha's 10 s.
    this.timeout(60000);
    // Small on purpose (each LOSO group is one more training run): a few written styles next to a slice of dev.
    const styles = new Set(['w-commit-subject', 'w-korean-passage', 'w-word-problems-en']);
    const written = readTrainingExtras().filter((r) => styles.has(sourceGroup(r.source)));
    const subset = [...dev.filter((_, i) => i % 10 === 0), ...written.filter((_, i) => i % 8 === 0)];
    const a = serialiseModel(trainShippedModel(subset));
    const b = serialiseModel(trainShippedModel(subset));
    assert.equal(a, b);
    assert.doesNotThrow(() => parseLinearModel(JSON.parse(a)));
  });

  it('trains on route-extra and the shipped written files, the candidate on every written file; each written style its own LOSO group', () => {
    const shipped = WRITTEN_FILES.flatMap((path) => readLabelledFile(path));
    const candidate = CANDIDATE_WRITTEN_FILES.flatMap((path) => readLabelledFile(path));
    assert.equal(readTrainingExtras().length, extra.length + shipped.length);
    assert.equal(readTrainingExtras(true).length, extra.length + shipped.length + candidate.length);
    assert.ok(shipped.length >= 3000 && candidate.length > 0);
    const devGroups = new Set(dev.map((r) => sourceGroup(r.source)));
    const groups = new Set([...shipped, ...candidate].map((r) => sourceGroup(r.source)));
    assert.ok(groups.size >= 40, `only ${groups.size} written groups`);
    for (const g of groups) assert.ok(!devGroups.has(g), `${g} is also a dev group`);
    // A written file is either in the shipped training or the candidate's, never both, and every one on disk is listed.
    assert.equal(new Set([...WRITTEN_FILES, ...CANDIDATE_WRITTEN_FILES]).size, WRITTEN_FILES.length + CANDIDATE_WRITTEN_FILES.length);
    const onDisk = readdirSync('bench/data/train').filter((f) => /^written-.*\.jsonl$/.test(f)).map((f) => `bench/data/train/${f}`).sort();
    assert.deepEqual([...WRITTEN_FILES, ...CANDIDATE_WRITTEN_FILES].sort(), onDisk);
  });

  // The full regeneration takes minutes on this machine: `npm run train -- --check` compares it with weights.json.
  it('ships weights.json in the serialised form training writes', () => {
    const expected = readFileSync(WEIGHTS_FILE, 'utf8');
    assert.equal(serialiseModel(parseLinearModel(JSON.parse(expected))), expected);
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
