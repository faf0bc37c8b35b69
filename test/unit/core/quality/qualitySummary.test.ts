// Acceptance and retry per pool and model beside cost per request, joined to the ledger by request id.

import { strict as assert } from 'node:assert';
import { acceptanceRate, retryRate, summarizeQuality } from '../../../../src/core/quality/qualitySummary';
import type { QualitySignal } from '../../../../src/core/quality/qualitySignal';
import { record } from '../ledger/ledgerFixtures';

const sig = (id: string, signal: QualitySignal['signal'], extra: Partial<QualitySignal> = {}): QualitySignal => ({ v: 1, time: '2026-11-22T12:01:00.000Z', id, signal, ...extra });

describe('summarizeQuality', () => {
  const records = [
    record({ id: 'q-1111', costMicros: 100 }),
    record({ id: 'q-2222', costMicros: 300 }),
    record({ id: 'q-3333', costMicros: 200 }),
    record({ id: 'c-4444', costMicros: 5000, servedPool: 'coding', pool: 'quick', servedBy: 'anthropic:claude-sonnet-5', escalated: true }),
    record({ id: 'f-5555', costMicros: 50, servedPool: 'fallback', pool: 'coding', servedBy: 'ollama:qwen3-coder' }),
    record({ id: 'x-6666', outcome: 'failed', servedBy: null, servedPool: null }),
    record({ costMicros: 1 }), // before ids: counted as a request, never judged
  ];
  const signals = [
    sig('q-1111', 'answer-copied'),
    sig('q-2222', 'stronger-asked'),
    sig('c-4444', 'edit-accepted'),
    sig('f-5555', 'edit-rejected'),
    sig('x-6666', 'pool-override', { from: 'quick', to: 'coding' }),
    sig('zzzz-other-period', 'edit-accepted'),
  ];

  it('counts answered requests, cost, verdicts and retries per served pool (fallback is local) and per model', () => {
    const s = summarizeQuality(records, signals);
    assert.deepEqual(
      s.byPool.map((p) => [p.key, p.requests, p.costMicros, p.judged, p.accepted, p.retried]),
      [
        ['quick', 4, 601, 2, 1, 1],
        ['coding', 1, 5000, 1, 1, 0],
        ['local', 1, 50, 1, 0, 0],
      ],
    );
    assert.deepEqual(s.byModel.map((m) => [m.key, m.requests, m.pool]), [
      ['deepseek:deepseek-flash', 4, 'quick'],
      ['anthropic:claude-sonnet-5', 1, 'coding'],
      ['ollama:qwen3-coder', 1, 'local'],
    ]);
    assert.deepEqual([s.totals.requests, s.totals.judged, s.totals.accepted, s.totals.retried], [6, 4, 2, 1], 'the failed request and the other period signal are not judged');
    assert.equal(acceptanceRate(s.byPool[0]!), 0.5);
    assert.equal(retryRate(s.byPool[0]!), 0.25);
    assert.deepEqual(s.overrides, [{ from: 'quick', to: 'coding', count: 1 }], 'an override counts even when the answer failed');
  });

  it('gives zero rates, not NaN, when nothing was judged or answered', () => {
    assert.equal(acceptanceRate({ judged: 0, accepted: 0 }), 0);
    assert.equal(retryRate({ requests: 0, retried: 0 }), 0);
    assert.deepEqual(summarizeQuality([], []).byPool, []);
  });
});
