// Turns the ledger summary and the budget settings into the spend panel's view model. No vscode import.
import type { BudgetSettings } from '../core/budget/budgetSettings';
import { checkHealth } from '../core/health/healthCheck';
import type { HealthMetric } from '../core/health/healthCheck';
import type { HealthSettings } from '../core/health/healthSettings';
import type { LedgerRecord } from '../core/ledger/ledgerRecord';
import { LedgerSummarizer, type SpendBucket } from '../core/ledger/summarizeLedger';
import { dayKey, startOfDay, startOfMonth } from '../core/ledger/calendar';
import { healthView } from './healthView';
import type { BreakdownRowView, BudgetGaugeView, PoolView, RecentRequestView, SpendRange, SpendReportView } from '../shared/protocol';

const RECENT_ROWS = 25;
/** Records per synchronous step of the async report: a few ms each, so 100k records never block the host. */
const REPORT_STEP = 2000;

type ReportInput = {
  readonly records: readonly LedgerRecord[];
  readonly skippedLines: number;
  readonly range: SpendRange;
  readonly nowMs: number;
  readonly budget: BudgetSettings;
  readonly baselineModel: string;
  /** Demo mode is on: show the demo requests; otherwise the real ones. The two are never summed together. */
  readonly demo?: boolean;
  /** Thresholds for the health row (absent: no health row), and the metric an alert opened the panel for. */
  readonly health?: HealthSettings;
  readonly healthFocus?: HealthMetric;
};

/** Builds the panel's report for `range` from every ledger record read. */
export function buildSpendReport(input: ReportInput): SpendReportView {
  const builder = new ReportBuilder(input);
  builder.add(input.records, 0, input.records.length);
  return builder.finish();
}

/** `buildSpendReport` in steps of a few thousand records with `pause()` between them (the panel of a big ledger). */
export async function buildSpendReportAsync(input: ReportInput, pause: () => Promise<void>): Promise<SpendReportView> {
  const builder = new ReportBuilder(input);
  for (let at = 0; at < input.records.length; at += REPORT_STEP) {
    builder.add(input.records, at, Math.min(input.records.length, at + REPORT_STEP));
    if (at + REPORT_STEP < input.records.length) await pause();
  }
  return builder.finish();
}

/** One pass over the records (each time parsed once): summary, spend by day and served pool, budget sums, recent rows. */
class ReportBuilder {
  private readonly summarizer: LedgerSummarizer;
  private readonly days = new Map<string, Record<PoolView, number>>();
  private readonly recentRows: LedgerRecord[] = [];
  private readonly dayFrom: number;
  private readonly monthFrom: number;
  private spentToday = 0;
  private spentMonth = 0;
  private otherRequests = 0;
  private otherMicros = 0;
  /** Per request kind, cost and count per served pool: the kind's bar takes the colour of the pool that spent most. */
  private readonly kindPools = new Map<string, Map<PoolView, { cost: number; n: number }>>();

  constructor(private readonly input: ReportInput) {
    this.summarizer = new LedgerSummarizer(input.range, input.nowMs);
    this.dayFrom = startOfDay(input.nowMs);
    this.monthFrom = startOfMonth(input.nowMs);
  }

  add(records: readonly LedgerRecord[], from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const r = records[i] as LedgerRecord;
      const at = Date.parse(r.time);
      const isDemo = r.demo === true;
      if (!isDemo) {
        // Budgets count real spend only, whichever requests are shown.
        if (at >= this.dayFrom) this.spentToday += r.costMicros;
        if (at >= this.monthFrom) this.spentMonth += r.costMicros;
      }
      if (isDemo !== (this.input.demo === true)) {
        if (this.summarizer.fromMs === null || at >= this.summarizer.fromMs) {
          this.otherRequests++;
          this.otherMicros += r.costMicros;
        }
        continue;
      }
      if (!this.summarizer.add(r, at)) continue;
      this.notePool(r);
      // Spend per day split by the pool that served (the fallback counts as local: it runs on this machine).
      const key = dayKey(at);
      let day = this.days.get(key);
      if (!day) this.days.set(key, (day = { local: 0, quick: 0, coding: 0, reasoning: 0 }));
      day[servedPoolOf(r)] += r.costMicros;
      this.recentRows.push(r);
      if (this.recentRows.length > 4 * RECENT_ROWS) this.recentRows.splice(0, this.recentRows.length - RECENT_ROWS);
    }
  }

  private notePool(r: LedgerRecord): void {
    let pools = this.kindPools.get(r.kind);
    if (!pools) this.kindPools.set(r.kind, (pools = new Map()));
    const pool = servedPoolOf(r);
    const at = pools.get(pool) ?? { cost: 0, n: 0 };
    pools.set(pool, { cost: at.cost + r.costMicros, n: at.n + 1 });
  }

  private kindPool(kind: string): PoolView | undefined {
    const pools = [...(this.kindPools.get(kind)?.entries() ?? [])];
    return pools.sort(([, a], [, b]) => b.cost - a.cost || b.n - a.n)[0]?.[0];
  }

  finish(): SpendReportView {
    const { range, budget } = this.input;
    const summary = this.summarizer.summary();
    return {
      view: this.input.demo ? 'demo' : 'real',
      other: { requests: this.otherRequests, costMicros: this.otherMicros },
      range,
      totals: {
        requests: summary.totals.requests,
        costMicros: summary.totals.costMicros,
        baselineMicros: summary.totals.baselineMicros,
        baselineModel: this.input.baselineModel,
        savedMicros: summary.savingsMicros,
        savedPercent: summary.savingsPercent,
        escalationRate: summary.escalationRate,
        strongerRetries: summary.strongerRetries,
        strongerRetryRate: summary.strongerRetryRate,
        cacheHits: summary.cacheHits,
        cacheSavedMicros: summary.cacheSavedMicros,
        failureRate: summary.failureRate,
        unpricedRequests: summary.totals.unpricedRequests,
      },
      byDay: [...this.days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, byPool]) => ({ day, byPool })),
      byModel: summary.byModel.map((m) => ({ key: m.model, costMicros: m.costMicros, requests: m.served, pool: m.pool })),
      byKind: summary.byKind.map((b) => {
        const pool = this.kindPool(b.key);
        return { ...row(b), ...(pool ? { pool } : {}) };
      }),
      byPool: summary.byPool.map((b) => ({ ...row(b), pool: b.key as PoolView })),
      budgets: gauges(budget, this.spentToday, this.spentMonth),
      recent: this.recentRows.slice(-RECENT_ROWS).reverse().map(recent),
      skippedLines: this.input.skippedLines,
      // Read from the end of the records, so only the last week's are looked at, whatever the ledger's size.
      ...(this.input.health
        ? { health: healthView(checkHealth(this.input.records, this.input.nowMs, this.input.health.thresholds, this.input.health.window, this.input.demo === true), this.input.health.window, this.input.healthFocus) }
        : {}),
    };
  }
}

function row(bucket: SpendBucket): BreakdownRowView {
  return { key: bucket.key, costMicros: bucket.costMicros, requests: bucket.requests };
}

function gauges(budget: BudgetSettings, spentToday: number, spentMonth: number): BudgetGaugeView[] {
  const warnAtFraction = budget.warnAtPercent / 100;
  const out: BudgetGaugeView[] = [];
  if (budget.dailyMicros !== undefined) out.push({ label: 'Today', limitMicros: budget.dailyMicros, spentMicros: spentToday, warnAtFraction });
  if (budget.monthlyMicros !== undefined) out.push({ label: 'This month', limitMicros: budget.monthlyMicros, spentMicros: spentMonth, warnAtFraction });
  return out;
}

function recent(r: LedgerRecord): RecentRequestView {
  return {
    time: r.time,
    kind: r.kind,
    ...(r.caller ? { caller: r.caller } : {}),
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
