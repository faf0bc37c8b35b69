// Ledger aggregation for the spend panel: totals, savings, rates, breakdowns and range filters.

import { strict as assert } from 'node:assert';
import { summarizeLedger } from '../../../../src/core/ledger/summarizeLedger';
import { record } from './ledgerFixtures';

const NOW = new Date(2026, 10, 22, 18, 0).getTime();
const daysAgo = (n: number, hour = 10) => new Date(2026, 10, 22 - n, hour).toISOString();

const records = [
  record({ time: daysAgo(0) }),
  record({
    time: daysAgo(0, 11),
    kind: 'edit',
    pool: 'coding',
    classifier: { mode: 'embedded', source: 'user' },
    attempts: [
      { model: 'anthropic:claude-sonnet-5-5', pool: 'coding', outcome: 'syntax-error', ms: 10, costMicros: 7_000, unpriced: false },
      { model: 'anthropic:claude-opus-5-5', pool: 'reasoning', outcome: 'ok', ms: 10, costMicros: 14_000, unpriced: false },
    ],
    servedBy: 'anthropic:claude-opus-5-5',
    servedPool: 'reasoning',
    costMicros: 21_000,
    baselineMicros: 14_000,
    escalated: true,
  }),
  record({
    time: daysAgo(3),
    outcome: 'failed',
    servedBy: null,
    attempts: [{ model: 'deepseek:deepseek-flash', pool: 'quick', outcome: 'timeout', ms: 10, costMicros: 0, unpriced: false }],
    costMicros: 0,
    baselineMicros: 0,
  }),
  record({ time: daysAgo(10), kind: 'review', pool: 'local', costMicros: 0, servedBy: 'ollama:small', attempts: [], budgetDowngraded: true }),
  record({ time: daysAgo(40), outcome: 'cancelled', costMicros: 0, baselineMicros: 0, unpriced: true }),
];

describe('summarizeLedger', () => {
  it('totals everything for all time, with savings against the baseline', () => {
    const s = summarizeLedger(records, 'all', NOW);
    assert.equal(s.totals.requests, 5);
    assert.equal(s.totals.costMicros, 450 + 21_000);
    assert.equal(s.totals.baselineMicros, 14_000 + 14_000 + 14_000);
    assert.equal(s.savingsMicros, 42_000 - 21_450);
    assert.equal(s.savingsPercent, 48.9);
    assert.equal(s.cancelled, 1);
    assert.equal(s.failureRate, 1 / 4);
    assert.equal(s.escalationRate, 1 / 5);
    assert.equal(s.budgetDowngrades, 1);
    assert.equal(s.totals.unpricedRequests, 1);
    assert.equal(s.fromMs, null);
  });

  it('filters by range on local calendar days', () => {
    assert.equal(summarizeLedger(records, 'today', NOW).totals.requests, 2);
    assert.equal(summarizeLedger(records, '7d', NOW).totals.requests, 3);
    assert.equal(summarizeLedger(records, '30d', NOW).totals.requests, 4);
    assert.equal(summarizeLedger(records, 'today', NOW).fromMs, new Date(2026, 10, 22).getTime());
  });

  it('breaks down by model (attempts, waste included), pool, day and kind', () => {
    const s = summarizeLedger(records, '7d', NOW);
    const sonnet = s.byModel.find((m) => m.model === 'anthropic:claude-sonnet-5-5');
    assert.deepEqual(sonnet, { model: 'anthropic:claude-sonnet-5-5', attempts: 1, served: 0, failedAttempts: 1, skipped: 0, costMicros: 7_000, unpricedAttempts: 0, pool: 'coding' });
    assert.equal(s.byModel.find((m) => m.model === 'anthropic:claude-opus-5-5')?.pool, 'reasoning', 'each model takes the pool it was tried for');
    assert.equal(s.byModel[0]?.model, 'anthropic:claude-opus-5-5', 'most expensive first');
    const flash = s.byModel.find((m) => m.model === 'deepseek:deepseek-flash');
    assert.deepEqual([flash?.attempts, flash?.served, flash?.failedAttempts], [2, 1, 1]);
    assert.deepEqual(s.byPool.map((b) => [b.key, b.requests]), [['quick', 2], ['coding', 1]]);
    assert.deepEqual(s.byDay.map((b) => [b.key, b.requests]), [['2026-11-19', 1], ['2026-11-22', 2]]);
    assert.deepEqual(s.byKind.map((b) => [b.key, b.requests]), [['chat', 2], ['edit', 1]]);
    assert.deepEqual(s.classifier.bySource, { embedded: 2, user: 1 });
    assert.deepEqual(s.classifier.byPool, { local: 0, quick: 2, coding: 1, reasoning: 0 });
  });

  it('counts the retries the user asked a stronger model for apart from automatic escalations', () => {
    const s = summarizeLedger([...records, record({ time: daysAgo(0, 12), retry: 'stronger', escalated: false })], 'all', NOW);
    assert.equal(s.strongerRetries, 1);
    assert.equal(s.strongerRetryRate, 1 / 6);
    assert.equal(s.escalationRate, 1 / 6, 'the one automatic escalation only');
  });

  it('counts cache hits and what they saved (the original answers\' cost)', () => {
    const hit = record({ time: daysAgo(0, 12), costMicros: 0, cache: 'hit', cacheSavedMicros: 4_200 });
    const s = summarizeLedger([...records, hit, { ...hit, cacheSavedMicros: 800 }], 'all', NOW);
    assert.equal(s.cacheHits, 2);
    assert.equal(s.cacheSavedMicros, 5_000);
    assert.equal(summarizeLedger(records, 'all', NOW).cacheSavedMicros, 0);
  });

  it('returns zeros, not NaN, for an empty ledger', () => {
    const s = summarizeLedger([], 'today', NOW);
    assert.deepEqual([s.totals.requests, s.savingsPercent, s.escalationRate, s.failureRate], [0, 0, 0, 0]);
  });
});
