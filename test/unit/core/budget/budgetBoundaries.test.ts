// Budget edges the mutation run found untested (issue 17): notice money formatting at each precision step, settings
// left unset, zero limits, held money in warnings, and one warning per day and per month.
import { strict as assert } from 'node:assert';
import { BudgetGuard } from '../../../../src/core/budget/budgetGuard';
import { DEFAULT_BUDGET, validateBudgetSettings, type BudgetSettings } from '../../../../src/core/budget/budgetSettings';
import { formatMicrosForNotice } from '../../../../src/core/budget/formatMicros';
import { SUNDAY_NOON } from '../routingFakes';

const DAY = 86_400_000;

function guard(settings: Partial<BudgetSettings>, spent: { dayMicros: number; monthMicros: number }): BudgetGuard {
  return new BudgetGuard(() => ({ ...DEFAULT_BUDGET, ...settings }), { spent: async () => spent });
}

describe('formatMicrosForNotice: precision steps', () => {
  it('uses 2, 3, 4 then 6 decimals at exactly $1, $0.01 and $0.0001', () => {
    assert.equal(formatMicrosForNotice(0), '$0.00');
    assert.equal(formatMicrosForNotice(1_000_000), '$1.00');
    assert.equal(formatMicrosForNotice(999_999), '$1.000');
    assert.equal(formatMicrosForNotice(10_000), '$0.010');
    assert.equal(formatMicrosForNotice(9_999), '$0.0100');
    assert.equal(formatMicrosForNotice(100), '$0.0001');
    assert.equal(formatMicrosForNotice(99), '$0.000099');
  });

  it('signs negative amounts only', () => {
    assert.equal(formatMicrosForNotice(-1_500_000), '-$1.50');
    assert.equal(formatMicrosForNotice(1_500_000), '$1.50');
  });
});

describe('validateBudgetSettings: unset and edge values', () => {
  it('takes unset, null and empty values as "not set", without a problem', () => {
    assert.deepEqual(validateBudgetSettings({}), { value: { onExceed: DEFAULT_BUDGET.onExceed, warnAtPercent: DEFAULT_BUDGET.warnAtPercent }, problems: [] });
    assert.deepEqual(validateBudgetSettings({ dailyUsd: '', monthlyUsd: null, onExceed: null, warnAtPercent: null }).problems, []);
  });

  it('accepts a zero limit and a 100% warning level; rejects a 0% one', () => {
    assert.equal(validateBudgetSettings({ dailyUsd: 0 }).value.dailyMicros, 0);
    assert.equal(validateBudgetSettings({ warnAtPercent: 100 }).value.warnAtPercent, 100);
    const zero = validateBudgetSettings({ warnAtPercent: 0 });
    assert.equal(zero.value.warnAtPercent, 80);
    assert.equal(zero.problems.length, 1);
  });
});

describe('BudgetGuard.warnings: edges', () => {
  it('never warns on a zero limit', async () => {
    assert.deepEqual(await guard({ dailyMicros: 0 }, { dayMicros: 0, monthMicros: 0 }).warnings(SUNDAY_NOON), []);
  });

  it('counts money held for calls in flight', async () => {
    const g = guard({ dailyMicros: 100_000, warnAtPercent: 80 }, { dayMicros: 50_000, monthMicros: 50_000 });
    g.hold(30_000);
    assert.deepEqual(await g.warnings(SUNDAY_NOON), ["Triage has spent $0.080 of today's budget of $0.100 (80% warning level)."]);
  });

  it('names the month, and warns again on a new day or a new month', async () => {
    const day = guard({ dailyMicros: 100_000 }, { dayMicros: 90_000, monthMicros: 90_000 });
    assert.equal((await day.warnings(SUNDAY_NOON)).length, 1);
    assert.equal((await day.warnings(SUNDAY_NOON + 60_000)).length, 0, 'once a day');
    assert.equal((await day.warnings(SUNDAY_NOON + DAY)).length, 1, 'again the next day');
    const month = guard({ monthlyMicros: 100_000 }, { dayMicros: 90_000, monthMicros: 90_000 });
    assert.deepEqual(await month.warnings(SUNDAY_NOON), ["Triage has spent $0.090 of this month's budget of $0.100 (80% warning level)."]);
    assert.equal((await month.warnings(SUNDAY_NOON + DAY)).length, 0, 'once a month');
    assert.equal((await month.warnings(SUNDAY_NOON + 10 * DAY)).length, 1, 'again in December');
  });
});
