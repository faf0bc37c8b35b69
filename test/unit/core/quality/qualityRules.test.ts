// What signals say about an answer: verdicts, retries, the undo window, and the per-request fold.

import { strict as assert } from 'node:assert';
import { isRetry, qualityByRequest, undoDecision, UNDO_WINDOW_MS, verdictOf } from '../../../../src/core/quality/qualityRules';
import type { QualitySignal } from '../../../../src/core/quality/qualitySignal';

const at = (s: number) => new Date(Date.UTC(2026, 11, 4, 7, 0, s)).toISOString();
const sig = (id: string, signal: QualitySignal['signal'], s: number, extra: Partial<QualitySignal> = {}): QualitySignal => ({ v: 1, time: at(s), id, signal, ...extra });

describe('quality rules', () => {
  it('gives kept and not-kept verdicts, and judges nothing by a re-run or a pool pick', () => {
    assert.deepEqual(
      (['edit-accepted', 'fix-applied', 'answer-copied', 'answer-inserted', 'edit-rejected', 'edit-undone', 'finding-dismissed', 'stronger-asked', 'edit-rerun', 'pool-override'] as const).map(verdictOf),
      ['accepted', 'accepted', 'accepted', 'accepted', 'rejected', 'rejected', 'rejected', 'rejected', undefined, undefined],
    );
    assert.equal(isRetry('stronger-asked'), true);
    assert.equal(isRetry('edit-rerun'), true);
    assert.equal(isRetry('edit-rejected'), false);
  });

  it('counts an Undo that restores the text within the window as undone; other changes keep watching; the window ends it', () => {
    const accepted = 1_000_000;
    assert.equal(undoDecision(accepted, { atMs: accepted + 5_000, isUndo: true, restoresBefore: true }), 'undone');
    assert.equal(undoDecision(accepted, { atMs: accepted + UNDO_WINDOW_MS, isUndo: true, restoresBefore: true }), 'undone', 'the window includes its end');
    assert.equal(undoDecision(accepted, { atMs: accepted + 5_000, isUndo: true, restoresBefore: false }), 'watch', 'undoing later typing only');
    assert.equal(undoDecision(accepted, { atMs: accepted + 5_000, isUndo: false, restoresBefore: true }), 'watch', 'retyped by hand is not an undo');
    assert.equal(undoDecision(accepted, { atMs: accepted + UNDO_WINDOW_MS + 1, isUndo: true, restoresBefore: true }), 'stop');
  });

  it('folds each request: the last verdict wins in time order (accepted, then undone, is rejected), retries and overrides kept', () => {
    const q = qualityByRequest([
      sig('aaaa', 'edit-undone', 30),
      sig('aaaa', 'edit-accepted', 10),
      sig('bbbb', 'answer-copied', 5),
      sig('bbbb', 'stronger-asked', 8),
      sig('cccc', 'pool-override', 1, { from: 'quick', to: 'reasoning' }),
      sig('cccc', 'answer-inserted', 9),
      sig('dddd', 'edit-rerun', 3),
    ]);
    assert.deepEqual(q.get('aaaa'), { verdict: 'rejected', retried: false });
    assert.deepEqual(q.get('bbbb'), { verdict: 'rejected', retried: true });
    assert.deepEqual(q.get('cccc'), { verdict: 'accepted', retried: false, override: { from: 'quick', to: 'reasoning' } });
    assert.deepEqual(q.get('dddd'), { retried: true });
  });
});
