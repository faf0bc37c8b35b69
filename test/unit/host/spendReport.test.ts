// The spend panel's report: one pass over the records, the same whether built at once or in steps across ticks.

import * as assert from 'node:assert/strict';
import { DEFAULT_BUDGET } from '../../../src/core/budget/budgetSettings';
import type { LedgerRecord } from '../../../src/core/ledger/ledgerRecord';
import { buildSpendReport, buildSpendReportAsync } from '../../../src/host/spendReport';
import { judgedRequests, tallyJudged } from '../../../src/core/quality/qualityReport';
import { rangeStart } from '../../../src/core/ledger/summarizeLedger';
import { record } from '../core/ledger/ledgerFixtures';

const NOW = Date.parse('2026-11-22T15:00:00.000Z');
const DAY = 86_400_000;
const budget = { ...DEFAULT_BUDGET, dailyMicros: 1_000_000, monthlyMicros: 9_000_000 };
const input = (records: readonly LedgerRecord[], range: '7d' | 'today' | 'all' = '7d') => ({ records, skippedLines: 2, range, nowMs: NOW, budget, baselineModel: 'anthropic:claude-opus-5-5' });

describe('buildSpendReport', () => {
  const records = [
    record({ time: new Date(NOW - 40 * DAY).toISOString(), costMicros: 7 }), // last month: outside 7d and the month gauge
    record({ time: new Date(NOW - 2 * DAY).toISOString(), costMicros: 100, servedPool: 'fallback', pool: 'coding' }),
    record({ time: new Date(NOW - 1000).toISOString(), costMicros: 20, kind: 'edit' }),
    record({ time: new Date(NOW).toISOString(), costMicros: 3, outcome: 'failed' }),
  ];

  it('sums the range, splits days by the pool that served (fallback is local), and fills the gauges from all records', () => {
    const r = buildSpendReport(input(records));
    assert.equal(r.totals.requests, 3);
    assert.equal(r.totals.costMicros, 123);
    assert.deepEqual(r.byDay.map((d) => [d.day.length, d.byPool.local, d.byPool.quick]), [[10, 100, 0], [10, 0, 23]]);
    assert.deepEqual(r.budgets.map((g) => [g.label, g.spentMicros]), [['Today', 23], ['This month', 123]]);
    assert.deepEqual(r.recent.map((x) => x.costMicros), [3, 20, 100], 'newest first, range only');
    assert.equal(r.skippedLines, 2);
    assert.equal(buildSpendReport(input(records, 'all')).totals.costMicros, 130);
  });

  it('keeps the 25 newest rows of the range', () => {
    const many = Array.from({ length: 300 }, (_, i) => record({ time: new Date(NOW - (300 - i) * 1000).toISOString(), costMicros: i }));
    assert.deepEqual(buildSpendReport(input(many)).recent.map((x) => x.costMicros), Array.from({ length: 25 }, (_, i) => 299 - i));
  });

  it('builds the same report in steps, pausing between them', async () => {
    const many = Array.from({ length: 12_345 }, (_, i) =>
      record({
        time: new Date(NOW - (i % 40) * 6 * 3_600_000).toISOString(),
        costMicros: i % 97,
        pool: (['local', 'quick', 'coding', 'reasoning'] as const)[i % 4],
        kind: (['chat', 'edit', 'review'] as const)[i % 3],
        outcome: i % 11 === 0 ? 'failed' : 'ok',
      }),
    );
    let pauses = 0;
    const stepped = await buildSpendReportAsync(input(many), async () => void pauses++);
    assert.deepEqual(stepped, buildSpendReport(input(many)));
    assert.ok(pauses >= 2, `${pauses} pauses`);
  });
});

const DEMO_NOW = new Date(2026, 10, 22, 18).getTime();
const at = (hour: number) => new Date(2026, 10, 22, hour).toISOString();

const mixed = [
  record({ time: at(9), costMicros: 1_000, kind: 'chat', servedPool: 'coding', pool: 'coding' }),
  record({ time: at(10), costMicros: 200, kind: 'chat', servedPool: 'quick', pool: 'quick' }),
  record({ time: at(11), costMicros: 50_000, kind: 'edit', servedPool: 'reasoning', pool: 'reasoning', demo: true }),
];

function build(demo: boolean) {
  return buildSpendReport({
    records: mixed,
    skippedLines: 0,
    range: 'today',
    nowMs: DEMO_NOW,
    budget: { ...DEFAULT_BUDGET, dailyMicros: 10_000 },
    baselineModel: 'anthropic:claude-opus-5-5',
    demo,
  });
}

describe('buildSpendReport: demo requests apart, pool colours', () => {
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

  it('adds the Quality section over the range and the experiments over their whole run, only when signals were read', () => {
    const served = (id: string, daysAgo: number, model: string, costMicros: number, extra: Partial<LedgerRecord> = {}) =>
      record({
        id,
        time: new Date(NOW - daysAgo * DAY).toISOString(),
        attempts: [{ model, pool: 'coding', outcome: 'ok', ms: 900, usage: { inputTokens: 1000, cachedInputTokens: 0, outputTokens: 500 }, costMicros, unpriced: false }],
        servedBy: model,
        servedPool: 'coding',
        pool: 'coding',
        costMicros,
        ...extra,
      });
    const list = [
      served('req-q001', 1, 'openai:gpt-6', 3000),
      served('req-q002', 1, 'openai:gpt-6', 1000),
      served('req-q003', 10, 'openai:gpt-6', 5000, { experiment: { id: 'cheap', arm: 'alternative' } }),
      served('req-q004', 1, 'openai:gpt-6', 5000, { outcome: 'failed', servedBy: null }),
    ];
    const about = (r: LedgerRecord) => ({ time: r.time, pool: 'coding' as const, model: r.servedBy ?? '', ...(r.experiment ? { experiment: r.experiment } : {}) });
    const signals = [
      { v: 1 as const, time: new Date(NOW).toISOString(), id: 'req-q001', signal: 'edit-accepted' as const, req: about(list[0]!) },
      { v: 1 as const, time: new Date(NOW).toISOString(), id: 'req-q003', signal: 'edit-rejected' as const, req: about(list[2]!) },
    ];
    assert.equal(buildSpendReport(input(list)).quality, undefined);
    const r = buildSpendReport({ ...input(list), quality: tallyJudged(judgedRequests(signals, false).values(), rangeStart('7d', NOW)), experiments: [] });
    assert.deepEqual(r.quality?.byPool, [{ key: 'coding', pool: 'coding', requests: 2, costMicros: 4000, judged: 1, accepted: 1, retried: 0 }]);
    assert.deepEqual(r.quality?.byModel.map((m) => [m.key, m.pool, m.requests, m.judged]), [['openai:gpt-6', 'coding', 2, 1]]);
    // The experiment's request is 10 days old: outside the 7 days, so it is listed only over all time.
    assert.deepEqual(r.experiments, []);
    const all = buildSpendReport({ ...input(list, 'all'), quality: tallyJudged(judgedRequests(signals, false).values(), null), experiments: [] });
    assert.equal(all.quality?.byPool[0]?.judged, 2);
    assert.deepEqual(all.experiments?.map((e) => [e.id, e.status, e.arms.map((a) => [a.arm, a.requests, a.judged])]), [
      ['cheap', 'no longer in your settings', [['control', 0, 0], ['alternative', 1, 1]]],
    ]);
  });
});
