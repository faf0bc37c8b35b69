// Cues fire on what a request asks, not on words it merely mentions: commit-style subjects and inline passages.

import * as assert from 'node:assert/strict';
import { structuralFeatures } from '../../../src/core/classifier/structuralFeatures';
import type { TriageRequest } from '../../../src/core/request';

const SELECTION = 'def run(jobs):\n    for job in jobs:\n        job.start()\n';
const commit = (instruction: string): TriageRequest => ({ kind: 'edit', instruction, selection: SELECTION });
const cues = (request: TriageRequest): ReadonlySet<string> => structuralFeatures(request).shape.cues;

describe('incidental words in a commit-style subject', () => {
  it('do not fire the logic or concurrency cues', () => {
    for (const subject of ['use pathlib instead of os.path', 'rename thread_count to workers', 'skip the sql test on windows', 'bump lock timeout default to 30', 'move transactions module import to top']) {
      const fired = cues(commit(subject));
      assert.ok(!fired.has('logicEdit') && !fired.has('concurrency'), `${subject}: ${[...fired].join(',')}`);
    }
  });

  it('still fire on a real logic or concurrency change', () => {
    assert.ok(cues(commit('fix race condition when two threads start the same job')).has('concurrency'));
    assert.ok(cues(commit('handle timeout errors instead of crashing')).has('logicEdit'));
    // Not a commit subject (a chat question): the words count as before.
    assert.ok(cues({ kind: 'chat', instruction: 'why do python threads not run in parallel?' }).has('concurrency'));
  });
});

describe('numbers inside an inline passage', () => {
  const money = 'We sold 30 units at $5 each last month, a 20% discount, and made a total of 150 dollars in profit.';

  it('do not fire arithmetic cues when the ask transforms the passage', () => {
    for (const instruction of [`Rewrite this more formally:\n${money}`, `fix the grammar: ${money}`, `Translate "${money}" into French`]) {
      const { shape, values } = structuralFeatures({ kind: 'chat', instruction });
      assert.equal(shape.operations, 0, instruction);
      assert.ok(!shape.cues.has('arithmeticWords'), instruction);
      assert.ok(values.every((v) => Number.isFinite(v)));
    }
  });

  it('still fire on a word problem', () => {
    const { shape } = structuralFeatures({ kind: 'chat', instruction: `${money} How much did each unit cost before the discount?` });
    assert.ok(shape.operations > 0);
    assert.ok(shape.cues.has('arithmeticWords'));
  });
});
