// The spend panel's view model: demo requests kept apart from real ones, budgets on real spend, bars in pool colours.

import { strict as assert } from 'node:assert';
import { DEFAULT_BUDGET } from '../../../src/core/budget/budgetSettings';
import { buildSpendReport } from '../../../src/host/spendReport';
import { record } from '../core/ledger/ledgerFixtures';

const NOW = new Date(2026, 10, 22, 18).getTime();
const at = (hour: number) => new Date(2026, 10, 22, hour).toISOString();

const records = [
  record({ time: at(9), costMicros: 1_000, kind: 'chat', servedPool: 'coding', pool: 'coding' }),
  record({ time: at(10), costMicros: 200, kind: 'chat', servedPool: 'quick', pool: 'quick' }),
  record({ time: at(11), costMicros: 50_000, kind: 'edit', servedPool: 'reasoning', pool: 'reasoning', demo: true }),
];

function build(demo: boolean) {
  return buildSpendReport({
    records,
    skippedLines: 0,
    range: 'today',
    nowMs: NOW,
    budget: { ...DEFAULT_BUDGET, dailyMicros: 10_000 },
    baselineModel: 'anthropic:claude-opus-5-5',
    demo,
  });
}

describe('host: spend report', () => {
  it('sums real requests only, and says how many demo requests were left out', () => {
    const real = build(false);
    assert.equal(real.view, 'real');
    assert.deepEqual([real.totals.requests, real.totals.costMicros], [2, 1_200]);
    assert.deepEqual(real.other, { requests: 1, costMicros: 50_000 });
    assert.deepEqual(real.recent.map((r) => r.costMicros), [200, 1_000]);
  });

  it('in demo mode shows the demo requests, never mixed with real ones', () => {
    const demo = build(true);
    assert.equal(demo.view, 'demo');
    assert.deepEqual([demo.totals.requests, demo.totals.costMicros], [1, 50_000]);
    assert.deepEqual(demo.other, { requests: 2, costMicros: 1_200 });
  });

  it('counts only real spend against a budget, whichever requests are shown', () => {
    for (const demo of [false, true]) assert.equal(build(demo).budgets[0]?.spentMicros, 1_200, `demo=${demo}`);
  });

  it('gives kind and pool rows the colour of the pool that spent most there', () => {
    const real = build(false);
    assert.deepEqual(real.byKind.map((k) => [k.key, k.pool]), [['chat', 'coding']]);
    assert.deepEqual(real.byPool.map((p) => [p.key, p.pool]), [['quick', 'quick'], ['coding', 'coding']]);
  });
});
