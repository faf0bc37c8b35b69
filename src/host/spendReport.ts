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
}): SpendReportView {
  const { records, range, nowMs, budget } = input;
  const summary = summarizeLedger(records, range, nowMs);
  const inRange = summary.fromMs === null ? records : records.filter((r) => Date.parse(r.time) >= summary.fromMs!);
  return {
    range,
    totals: {
      requests: summary.totals.requests,
      costMicros: summary.totals.costMicros,
      baselineMicros: summary.totals.baselineMicros,
      baselineModel: input.baselineModel,
      savedMicros: summary.savingsMicros,
      savedPercent: summary.savingsPercent,
      escalationRate: summary.escalationRate,
      failureRate: summary.failureRate,
      unpricedRequests: summary.totals.unpricedRequests,
    },
    byDay: daysByPool(inRange),
    byModel: summary.byModel.map((m) => ({ key: m.model, costMicros: m.costMicros, requests: m.served })),
    byKind: summary.byKind.map(row),
    byPool: summary.byPool.map(row),
    budgets: gauges(records, nowMs, budget),
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
