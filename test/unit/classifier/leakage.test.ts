// No route-public prompt or source reaches training: the unseen set stays unseen.

import * as assert from 'node:assert/strict';
import { DATA_FILES, readLabelledFile, readTrainingExtras, sourceGroup } from '../../../src/cli/dataset';

/** Lowercased, whitespace-collapsed text: a copy that only differs in spacing or case still counts as the same. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

describe('training data leakage', () => {
  const training = [...readLabelledFile(DATA_FILES.dev), ...readTrainingExtras()];
  const unseen = readLabelledFile(DATA_FILES.public);

  it('shares no prompt text with route-public', () => {
    const seen = new Set(training.map((r) => normalise(r.text)));
    const leaked = unseen.filter((r) => seen.has(normalise(r.text))).map((r) => r.id);
    assert.deepEqual(leaked, []);
  });

  it('shares no source group with route-public', () => {
    const trainedGroups = new Set(training.map((r) => sourceGroup(r.source)));
    const shared = [...new Set(unseen.map((r) => sourceGroup(r.source)))].filter((g) => trainedGroups.has(g));
    assert.deepEqual(shared, []);
  });

  it('detects a leaked prompt (the check can fail)', () => {
    const seen = new Set(training.map((r) => normalise(r.text)));
    const copy = { ...(unseen[0] as (typeof unseen)[number]), text: `  ${(training[0] as (typeof training)[number]).text.toUpperCase()} ` };
    assert.ok(seen.has(normalise(copy.text)));
  });
});
