// The threshold tool: rates per cut-off and the pick are computed from labels and similarities, not assumed.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { pickThreshold, readPairs, thresholdRows } from '../../../bench/meaningThreshold';

describe('bench/meaningThreshold', () => {
  it('counts false hits on different questions and hits on paraphrases at each cut-off, and picks the lowest within 1%', () => {
    const pairs = [
      { a: 'a', b: 'b', same: true },
      { a: 'c', b: 'd', same: true },
      { a: 'e', b: 'f', same: false },
      { a: 'g', b: 'h', same: false },
    ];
    const rows = thresholdRows(pairs, [0.97, 0.9, 0.93, 0.6]);
    const at = (t: number) => rows.find((r) => Math.abs(r.threshold - t) < 1e-9)!;
    assert.deepEqual([at(0.9).falseHitRate, at(0.9).hitRate], [0.5, 1]);
    assert.deepEqual([at(0.94).falseHitRate, at(0.94).hitRate], [0, 0.5]);
    assert.equal(pickThreshold(rows)?.threshold, 0.94);
  });

  it('reads the labelled set: 50 paraphrases and 50 hard negatives, no pair twice', () => {
    const pairs = readPairs(path.join(__dirname, '../../../bench/data/question-pairs.jsonl'));
    assert.equal(pairs.filter((p) => p.same).length, 50);
    assert.equal(pairs.filter((p) => !p.same).length, 50);
    assert.equal(new Set(pairs.map((p) => `${p.a}|${p.b}`)).size, pairs.length);
  });
});
