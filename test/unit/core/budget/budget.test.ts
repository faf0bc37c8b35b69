// Budgets: each paid attempt is checked before it runs; over budget downgrades, goes local or blocks, and says so.

import { strict as assert } from 'node:assert';
import { BudgetGuard } from '../../../../src/core/budget/budgetGuard';
import type { BudgetSettings } from '../../../../src/core/budget/budgetSettings';
import { DEFAULT_BUDGET, validateBudgetSettings } from '../../../../src/core/budget/budgetSettings';
import { FakeProvider, MemoryLedger, SUNDAY_NOON, makeHarness, path } from '../routingFakes';

function setup(budget: Partial<BudgetSettings>, spentDay = 0) {
  const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'flash' } });
  const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'luna' } });
  const anthropic = new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': { text: 'sonnet' } });
  const ollama = new FakeProvider('ollama', true, { small: { text: 'local' }, fallback: { text: 'fb' } });
  const ledger = new MemoryLedger({ dayMicros: spentDay, monthMicros: spentDay });
  const h = makeHarness({ providers: [deepseek, openai, anthropic, ollama], classify: 'coding', budget, ledger });
  return { h, anthropic, deepseek, ollama };
}

describe('budget', () => {
  it('downgrades to a cheaper pool when the chosen model would exceed the daily budget', async () => {
    const { h, anthropic } = setup({ dailyMicros: 30_000, onExceed: 'downgrade' });
    const r = await h.route({});
    assert.deepEqual(path(r.attempts), ['anthropic:claude-sonnet-5-5=skipped-budget', 'deepseek:deepseek-flash=ok']);
    assert.equal(anthropic.calls.length, 0);
    assert.equal(r.budgetDowngraded, true);
    assert.equal(r.escalated, false);
    const notice = r.notices.find((n) => n.kind === 'budget-exceeded');
    assert.match(notice?.message ?? '', /would exceed today's budget of \$0\.030 — trying cheaper models\./);
    assert.equal(h.ledger.records[0]?.budgetDowngraded, true);
  });

  it('checks every fallback too, down to local, counting what the ledger already holds', async () => {
    const { h, deepseek, ollama } = setup({ dailyMicros: 30_000 }, 29_000);
    const r = await h.route({});
    assert.deepEqual(path(r.attempts), [
      'anthropic:claude-sonnet-5-5=skipped-budget',
      'deepseek:deepseek-flash=skipped-budget',
      'openai:gpt-6-luna=skipped-budget',
      'ollama:small=ok',
    ]);
    assert.equal(deepseek.calls.length, 0);
    assert.equal(ollama.calls.length, 1);
    assert.equal(r.notices.filter((n) => n.kind === 'budget-exceeded').length, 1, 'told once per request');
  });

  it('applies the monthly budget as well', async () => {
    const { h } = setup({ monthlyMicros: 30_000, onExceed: 'local' });
    const r = await h.route({});
    assert.deepEqual(path(r.attempts), ['anthropic:claude-sonnet-5-5=skipped-budget', 'ollama:small=ok']);
    assert.match(r.notices[0]?.message ?? '', /this month's budget/);
  });

  it('fails a stronger-model retry over budget with the reason, rather than answering cheaper or locally', async () => {
    for (const onExceed of ['downgrade', 'local'] as const) {
      const { h, deepseek, ollama } = setup({ dailyMicros: 30_000, onExceed });
      const r = await h.route({ explicitPool: 'coding', avoidModels: ['deepseek:deepseek-v4-pro'] });
      assert.equal(r.outcome, 'failed', onExceed);
      assert.deepEqual(path(r.attempts), ['anthropic:claude-sonnet-5-5=skipped-budget'], onExceed);
      assert.match(r.failure ?? '', /no stronger model was tried/);
      assert.equal(deepseek.calls.length + ollama.calls.length, 0);
    }
  });

  it("goes straight to local models with onExceed 'local'", async () => {
    const { h, deepseek } = setup({ dailyMicros: 30_000, onExceed: 'local' });
    const r = await h.route({});
    assert.deepEqual(path(r.attempts), ['anthropic:claude-sonnet-5-5=skipped-budget', 'ollama:small=ok']);
    assert.equal(deepseek.calls.length, 0);
  });

  it("stops without any call with onExceed 'block'", async () => {
    const { h, anthropic, deepseek, ollama } = setup({ dailyMicros: 30_000, onExceed: 'block' });
    const r = await h.route({});
    assert.equal(r.outcome, 'failed');
    assert.match(r.failure ?? '', /request stopped \(triage\.budget\.onExceed is "block"\)/);
    assert.equal(anthropic.calls.length + deepseek.calls.length + ollama.calls.length, 0);
    assert.equal(h.ledger.records[0]?.budgetDowngraded, true);
  });

  it('counts what this request already spent against later attempts', async () => {
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: '', usage: { outputTokens: 3000 } } });
    const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'luna' } });
    const h = makeHarness({
      providers: [deepseek, openai, new FakeProvider('anthropic', false, {}), new FakeProvider('ollama', true, { small: { text: 'l' } })],
      pools: { quick: ['deepseek:deepseek-flash', 'openai:gpt-6-luna'] },
      budget: { dailyMicros: 2_600 },
    });
    const r = await h.route({});
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=empty', 'openai:gpt-6-luna=skipped-budget', 'ollama:small=ok']);
  });

  it('counts a concurrent request still in flight', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const anthropic = new FakeProvider('anthropic', false, {});
    anthropic.streamChat = async function* (call) {
      anthropic.calls.push(call);
      await gate;
      yield { type: 'delta', text: 'sonnet' };
      yield { type: 'done', usage: { inputTokens: 10, cachedInputTokens: 0, outputTokens: 10 }, servedModel: call.model, finishReason: 'stop' };
    };
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'flash' } });
    const h = makeHarness({
      providers: [anthropic, deepseek, new FakeProvider('openai', false, {}), new FakeProvider('ollama', true, {})],
      classify: 'coding',
      budget: { dailyMicros: 45_000 },
    });
    const first = h.route({});
    await new Promise((resolve) => setImmediate(resolve));
    const second = await h.route({});
    release();
    assert.equal((await first).servedBy, 'anthropic:claude-sonnet-5-5');
    assert.deepEqual(path(second.attempts), ['anthropic:claude-sonnet-5-5=skipped-budget', 'deepseek:deepseek-flash=ok']);
    assert.equal(anthropic.calls.length, 1);
  });

  it('treats an unpriced paid model as unable to fit a budget', async () => {
    const openai = new FakeProvider('openai', false, { 'gpt-mystery': { text: 'x' } });
    const h = makeHarness({
      providers: [openai, new FakeProvider('ollama', true, { small: { text: 'local' } })],
      pools: { quick: ['openai:gpt-mystery'], coding: [], reasoning: [] },
      budget: { dailyMicros: 1_000_000 },
    });
    const r = await h.route({});
    assert.deepEqual(path(r.attempts), ['openai:gpt-mystery=skipped-budget', 'ollama:small=ok']);
    assert.match(r.notices[0]?.message ?? '', /has no price/);
  });

  it('warns once per day when spend crosses the warning level', async () => {
    const { h } = setup({ dailyMicros: 100_000, warnAtPercent: 80 }, 79_800);
    const quick = { explicitPool: 'quick' as const };
    const first = await h.route(quick);
    assert.equal(first.costMicros, 450);
    const warnings = first.notices.filter((n) => n.kind === 'budget-warning');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]?.message ?? '', /spent \$0\.080 of today's budget of \$0\.100 \(80% warning level\)/);
    const second = await h.route(quick);
    assert.equal(second.notices.filter((n) => n.kind === 'budget-warning').length, 0);
  });
});

describe('BudgetGuard', () => {
  const spend = { spent: async () => ({ dayMicros: 0, monthMicros: 0 }) };

  it('counts in-flight holds until released', async () => {
    const guard = new BudgetGuard(() => ({ ...DEFAULT_BUDGET, dailyMicros: 30_000 }), spend);
    const hold = guard.hold(20_000);
    assert.equal((await guard.check({ micros: 15_000, unpriced: false }, SUNDAY_NOON)).ok, false);
    hold.set(10_000);
    assert.equal((await guard.check({ micros: 15_000, unpriced: false }, SUNDAY_NOON)).ok, true);
    hold.set(20_000);
    hold.release();
    assert.equal((await guard.check({ micros: 30_000, unpriced: false }, SUNDAY_NOON)).ok, true);
    assert.equal((await guard.check({ micros: 30_001, unpriced: false }, SUNDAY_NOON)).ok, false);
  });

  it('warns when spend reaches the warning level exactly, not one micro-dollar before (the README says "reaches")', async () => {
    const at = (dayMicros: number) => new BudgetGuard(() => ({ ...DEFAULT_BUDGET, dailyMicros: 100_000, warnAtPercent: 80 }), { spent: async () => ({ dayMicros, monthMicros: dayMicros }) });
    assert.equal((await at(79_999).warnings(SUNDAY_NOON)).length, 0);
    const exactly = await at(80_000).warnings(SUNDAY_NOON);
    assert.equal(exactly.length, 1);
    assert.match(exactly[0] ?? '', /80% warning level/);
  });

  it('does not read spend at all when no limit is set', async () => {
    let reads = 0;
    const guard = new BudgetGuard(() => DEFAULT_BUDGET, { spent: async () => (reads++, { dayMicros: 0, monthMicros: 0 }) });
    assert.equal(guard.active, false);
    assert.deepEqual(await guard.check({ micros: 10 ** 12, unpriced: true }, 0), { ok: true });
    assert.deepEqual(await guard.warnings(0), []);
    assert.equal(reads, 0);
  });
});

describe('validateBudgetSettings', () => {
  it('reads USD amounts into micro-dollars', () => {
    const { value, problems } = validateBudgetSettings({ dailyUsd: 1.5, monthlyUsd: 20, onExceed: 'local', warnAtPercent: 90 });
    assert.deepEqual(value, { dailyMicros: 1_500_000, monthlyMicros: 20_000_000, onExceed: 'local', warnAtPercent: 90 });
    assert.deepEqual(problems, []);
  });

  it('treats null as no limit and reports bad values by setting name', () => {
    const { value, problems } = validateBudgetSettings({ dailyUsd: null, monthlyUsd: -3, onExceed: 'panic', warnAtPercent: 150 });
    assert.deepEqual(value, { onExceed: 'downgrade', warnAtPercent: 80 });
    assert.deepEqual(problems, [
      'triage.budget.monthlyUsd: -3 is not an amount in USD — no limit applied',
      "triage.budget.onExceed: 'panic' is not one of downgrade, local, block — using downgrade",
      'triage.budget.warnAtPercent: 150 is not a percentage in (0, 100] — using 80',
    ]);
  });
});
