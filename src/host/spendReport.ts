// Turns the ledger summary and the budget settings into the spend panel's view model. No vscode import.
import type { BudgetSettings } from '../core/budget/budgetSettings';
import type { LedgerRecord } from '../core/ledger/ledgerRecord';
import { summarizeLedger, type SpendBucket } from '../core/ledger/summarizeLedger';
import { dayKey, startOfDay, startOfMonth } from '../core/ledger/calendar';
import type { BreakdownRowView, BudgetGaugeView, PoolView, RecentRequestView, SpendRange, SpendReportView } from '../shared/protocol';

const RECENT_ROWS = 25;

/** Builds the panel's report for `range` from every ledger record read. */
export function buildSpendReport(input: {
  readonly records: readonly LedgerRecord[];
  readonly skippedLines: number;
  readonly range: SpendRange;
  readonly nowMs: number;
  readonly budget: BudgetSettings;
  readonly baselineModel: string;
  /** Demo mode is on: show the demo requests; otherwise the real ones. The two are never summed together. */
  readonly demo?: boolean;
}): SpendReportView {
  const { range, nowMs, budget } = input;
  const real = input.records.filter((r) => r.demo !== true);
  const demo = input.records.filter((r) => r.demo === true);
  const [records, other] = input.demo ? [demo, real] : [real, demo];
  const summary = summarizeLedger(records, range, nowMs);
  const within = (list: readonly LedgerRecord[]) => (summary.fromMs === null ? list : list.filter((r) => Date.parse(r.time) >= summary.fromMs!));
  const inRange = within(records);
  const otherInRange = within(other);
  const kindPools = dominantPools(inRange, (r) => r.kind);
  return {
    view: input.demo ? 'demo' : 'real',
    other: { requests: otherInRange.length, costMicros: otherInRange.reduce((sum, r) => sum + r.costMicros, 0) },
    range,
    totals: {
      requests: summary.totals.requests,
      costMicros: summary.totals.costMicros,
      baselineMicros: summary.totals.baselineMicros,
      baselineModel: input.baselineModel,
      savedMicros: summary.savingsMicros,
      savedPercent: summary.savingsPercent,
      escalationRate: summary.escalationRate,
      strongerRetries: summary.strongerRetries,
      strongerRetryRate: summary.strongerRetryRate,
      failureRate: summary.failureRate,
      unpricedRequests: summary.totals.unpricedRequests,
    },
    byDay: daysByPool(inRange),
    byModel: summary.byModel.map((m) => ({ key: m.model, costMicros: m.costMicros, requests: m.served, pool: m.pool })),
    byKind: summary.byKind.map((b) => ({ ...row(b), ...(kindPools.has(b.key) ? { pool: kindPools.get(b.key) } : {}) })),
    byPool: summary.byPool.map((b) => ({ ...row(b), pool: b.key as PoolView })),
    budgets: gauges(real, nowMs, budget), // budgets count real spend only, whatever is shown
    recent: inRange.slice(-RECENT_ROWS).reverse().map(recent),
    skippedLines: input.skippedLines,
  };
}

function row(bucket: SpendBucket): BreakdownRowView {
  return { key: bucket.key, costMicros: bucket.costMicros, requests: bucket.requests };
}

// Spend per day split by the pool that served (the fallback counts as local: it runs on this machine).
function daysByPool(records: readonly LedgerRecord[]): SpendReportView['byDay'] {
  const days = new Map<string, Record<PoolView, number>>();
  for (const r of records) {
    const key = dayKey(Date.parse(r.time));
    const day = days.get(key) ?? { local: 0, quick: 0, coding: 0, reasoning: 0 };
    const pool = servedPoolOf(r);
    day[pool] += r.costMicros;
    days.set(key, day);
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, byPool]) => ({ day, byPool }));
}

// For each group, the served pool that spent most there (then: served most requests), for the bar's colour.
function dominantPools(records: readonly LedgerRecord[], keyOf: (r: LedgerRecord) => string): Map<string, PoolView> {
  const groups = new Map<string, Map<PoolView, { cost: number; n: number }>>();
  for (const r of records) {
    const pools = groups.get(keyOf(r)) ?? new Map<PoolView, { cost: number; n: number }>();
    const pool = servedPoolOf(r);
    const at = pools.get(pool) ?? { cost: 0, n: 0 };
    pools.set(pool, { cost: at.cost + r.costMicros, n: at.n + 1 });
    groups.set(keyOf(r), pools);
  }
  const out = new Map<string, PoolView>();
  for (const [key, pools] of groups) {
    const [best] = [...pools.entries()].sort(([, a], [, b]) => b.cost - a.cost || b.n - a.n);
    if (best) out.set(key, best[0]);
  }
  return out;
}

function gauges(records: readonly LedgerRecord[], nowMs: number, budget: BudgetSettings): BudgetGaugeView[] {
  const warnAtFraction = budget.warnAtPercent / 100;
  const spentSince = (from: number) => records.reduce((sum, r) => (Date.parse(r.time) >= from ? sum + r.costMicros : sum), 0);
  const out: BudgetGaugeView[] = [];
  if (budget.dailyMicros !== undefined) {
    out.push({ label: 'Today', limitMicros: budget.dailyMicros, spentMicros: spentSince(startOfDay(nowMs)), warnAtFraction });
  }
  if (budget.monthlyMicros !== undefined) {
    out.push({ label: 'This month', limitMicros: budget.monthlyMicros, spentMicros: spentSince(startOfMonth(nowMs)), warnAtFraction });
  }
  return out;
}

function recent(r: LedgerRecord): RecentRequestView {
  return {
    time: r.time,
    kind: r.kind,
    pool: servedPoolOf(r),
    model: r.servedBy ?? '—',
    costMicros: r.costMicros,
    unpriced: r.unpriced,
    latencyMs: r.latencyMs,
    outcome: r.outcome,
    escalated: r.escalated,
  };
}

// The pool that actually answered; the final fallback runs on this machine, so it counts as local.
function servedPoolOf(r: LedgerRecord): PoolView {
  return r.servedPool === 'fallback' ? 'local' : (r.servedPool ?? r.pool);
}
