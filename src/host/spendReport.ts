// Turns the ledger's day digests and the budget settings into the spend panel's view model. No vscode import.
import type { BudgetSettings } from '../core/budget/budgetSettings';
import { checkHealth, checkHealthInSteps } from '../core/health/healthCheck';
import type { HealthMetric, HealthReport } from '../core/health/healthCheck';
import type { HealthSettings } from '../core/health/healthSettings';
import type { LedgerRecord } from '../core/ledger/ledgerRecord';
import { rangeStart } from '../core/ledger/summarizeLedger';
import { dayKey, startOfDay, startOfMonth } from '../core/ledger/calendar';
import { addToLedgerDigest, emptyDayDigest, emptyLedgerDigest, mergeDayDigest, newestRecords, servedPoolOf } from '../core/ledger/spendDigest';
import type { DayDigests, LedgerDigest, SpendTally } from '../core/ledger/spendDigest';
import { POOLS } from '../core/request';
import type { Experiment } from '../core/experiments/experiments';
import { experimentReports } from '../core/experiments/experimentReport';
import type { ExperimentReport } from '../core/experiments/experimentReport';
import { qualityReport } from '../core/quality/qualityReport';
import type { QualityRow, QualityTallies } from '../core/quality/qualityReport';
import { healthView } from './healthView';
import type { BreakdownRowView, BudgetGaugeView, ExperimentView, PoolView, QualityRowView, RecentRequestView, SpendRange, SpendReportView } from '../shared/protocol';

const RECENT_ROWS = 25;
/** Records per synchronous step when a report is built from records: a few ms each, so 100k records never block. */
const REPORT_STEP = 2000;

type ReportSettings = {
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
  /**
   * The quality signals' verdicts and retries for the range (and every experiment's), of the kind shown (demo or real),
   * counted in steps by the caller; absent: no Quality or Experiments section.
   */
  readonly quality?: QualityTallies;
  /** `triage.experiments`; with `quality`, the Experiments section (each experiment over its whole run). */
  readonly experiments?: readonly Experiment[];
};

type ReportInput = ReportSettings & { readonly records: readonly LedgerRecord[] };

/** What the panel's report is built from: the ledger files' digests (oldest first) and the health window's report. */
export type DigestReportInput = ReportSettings & {
  readonly digests: readonly LedgerDigest[];
  /**
   * The health window's report, counted by the caller (`checkHealthInSteps` over the window's records: a week of
   * records is tens of thousands at heavy use, too many for one synchronous step); the health row needs it and `health`.
   */
  readonly healthReport?: HealthReport;
};

/** Builds the panel's report for `range` from every ledger record read. */
export function buildSpendReport(input: ReportInput): SpendReportView {
  const digest = emptyLedgerDigest();
  for (const r of input.records) addToLedgerDigest(digest, r);
  const { health } = input;
  const healthReport = health ? checkHealth(input.records, input.nowMs, health.thresholds, health.window, input.demo === true) : undefined;
  return reportFromDigests({ ...input, digests: [digest], ...(healthReport ? { healthReport } : {}) });
}

/** `buildSpendReport` in steps of a few thousand records with `pause()` between them. */
export async function buildSpendReportAsync(input: ReportInput, pause: () => Promise<void>): Promise<SpendReportView> {
  const digest = emptyLedgerDigest();
  for (let at = 0; at < input.records.length; at += REPORT_STEP) {
    for (let i = at; i < Math.min(input.records.length, at + REPORT_STEP); i++) addToLedgerDigest(digest, input.records[i] as LedgerRecord);
    if (at + REPORT_STEP < input.records.length) await pause();
  }
  const { health } = input;
  const healthReport = health ? await checkHealthInSteps(input.records, input.nowMs, health.thresholds, health.window, input.demo === true, pause) : undefined;
  return reportFromDigests({ ...input, digests: [digest], ...(healthReport ? { healthReport } : {}) });
}

/**
 * The report from day digests: every range starts at a local midnight, so summing the days in range gives exactly
 * what summing the records would; the cost is the number of days, not of records.
 */
export function reportFromDigests(input: DigestReportInput): SpendReportView {
  const { range, budget, nowMs } = input;
  const shown = input.demo === true ? 'demo' : 'real';
  const fromMs = rangeStart(range, nowMs);
  const fromDay = fromMs === null ? '' : dayKey(fromMs);
  const today = dayKey(startOfDay(nowMs));
  const monthFirst = dayKey(startOfMonth(nowMs));
  const merged = emptyDayDigest();
  const days = new Map<string, Record<PoolView, number>>();
  let spentToday = 0;
  let spentMonth = 0;
  let otherRequests = 0;
  let otherMicros = 0;
  for (const digest of input.digests) {
    for (const day of Object.keys(digest.days).sort()) {
      const both = digest.days[day] as DayDigests;
      // Budgets count real spend only, whichever requests are shown.
      if (both.real && day >= today) spentToday += both.real.totals.costMicros;
      if (both.real && day >= monthFirst) spentMonth += both.real.totals.costMicros;
      if (day < fromDay) continue;
      const other = both[shown === 'demo' ? 'real' : 'demo'];
      if (other) {
        otherRequests += other.totals.requests;
        otherMicros += other.totals.costMicros;
      }
      const d = both[shown];
      if (!d) continue;
      mergeDayDigest(merged, d);
      // Spend per day split by the pool that served (the fallback counts as local: it runs on this machine).
      const byPool = days.get(day) ?? { local: 0, quick: 0, coding: 0, reasoning: 0 };
      for (const p of POOLS) byPool[p] += d.servedCost[p];
      days.set(day, byPool);
    }
  }
  const totals = merged.totals;
  const savingsMicros = totals.baselineMicros - totals.costMicros;
  const tallies = input.quality;
  const modelPool = (model: string): PoolView => {
    const m = merged.byModel[model];
    return m ? POOLS.reduce((best, p) => (m.pools[p] > m.pools[best] ? p : best), POOLS[0]) : 'local';
  };
  const recentRows = newestRecords(input.digests, shown === 'demo', (r) => fromMs === null || Date.parse(r.time) >= fromMs, RECENT_ROWS);
  return {
    view: shown,
    other: { requests: otherRequests, costMicros: otherMicros },
    range,
    totals: {
      requests: totals.requests,
      costMicros: totals.costMicros,
      baselineMicros: totals.baselineMicros,
      baselineModel: input.baselineModel,
      savedMicros: savingsMicros,
      savedPercent: totals.baselineMicros === 0 ? 0 : Math.round((savingsMicros / totals.baselineMicros) * 1000) / 10,
      escalationRate: ratio(totals.escalated, totals.requests),
      strongerRetries: merged.strongerRetries,
      strongerRetryRate: ratio(merged.strongerRetries, totals.requests),
      cacheHits: merged.cacheHits,
      cacheSavedMicros: merged.cacheSavedMicros,
      failureRate: ratio(totals.failed, totals.requests - merged.cancelled),
      unpricedRequests: totals.unpricedRequests,
    },
    byDay: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, byPool]) => ({ day, byPool })),
    byModel: Object.entries(merged.byModel)
      .map(([model, m]) => ({ model, m, pool: POOLS.reduce((best, p) => (m.pools[p] > m.pools[best] ? p : best), POOLS[0]) }))
      .sort((a, b) => b.m.costMicros - a.m.costMicros || b.m.attempts - a.m.attempts)
      .map(({ model, m, pool }) => ({ key: model, costMicros: m.costMicros, requests: m.served, pool })),
    byKind: Object.entries(merged.byKind).map(([kind, t]) => {
      const pool = kindPool(merged.kindServed[kind]);
      return { ...row(kind, t), ...(pool ? { pool } : {}) };
    }),
    byPool: POOLS.filter((p) => merged.byPool[p]).map((p) => ({ ...row(p, merged.byPool[p] as SpendTally), pool: p })),
    budgets: gauges(budget, spentToday, spentMonth),
    recent: recentRows.map(recent),
    skippedLines: input.skippedLines,
    ...(tallies
      ? {
          quality: (() => {
            const q = qualityReport(merged.answered, tallies);
            return {
              byPool: q.byPool.map((r) => qualityRow(r, r.key as PoolView)),
              byModel: q.byModel.map((r) => qualityRow(r, modelPool(r.key))),
              unknownRequests: q.unknownRequests,
            };
          })(),
          experiments: experimentReports({
            experiments: input.experiments ?? [],
            digests: input.digests,
            tallies: tallies.experiments,
            demo: shown === 'demo',
            today,
            removedSinceDay: fromDay,
          }).map(experimentView),
        }
      : {}),
    // Read from the end of the records, so only the last week's are looked at, whatever the ledger's size.
    ...(input.health && input.healthReport ? { health: healthView(input.healthReport, input.health.window, input.healthFocus) } : {}),
  };
}

/** The pool that spent most on a request kind (ties: the one that served more), for its bar's colour. */
function kindPool(pools: Record<string, { cost: number; n: number }> | undefined): PoolView | undefined {
  return Object.entries(pools ?? {}).sort(([, a], [, b]) => b.cost - a.cost || b.n - a.n)[0]?.[0] as PoolView | undefined;
}

function qualityRow(r: QualityRow, pool: PoolView): QualityRowView {
  return { ...r, pool };
}

function experimentView(e: ExperimentReport): ExperimentView {
  const real = (metric: string): boolean => e.verdict.metrics.find((m) => m.metric === metric)?.real === true;
  return {
    id: e.id,
    ...(e.description ? { description: e.description } : {}),
    status: e.status,
    advice: e.verdict.advice,
    verdict: e.verdict.text,
    arms: (['control', 'alternative'] as const).map((arm) => {
      const a = e.arms[arm];
      return {
        arm,
        requests: a.cost.n,
        costPerRequestMicros: a.cost.mean,
        judged: a.judged,
        accepted: a.accepted,
        retried: a.retried,
        answered: a.latency.n,
        meanLatencyMs: a.latency.mean,
      };
    }),
    real: { 'cost per request': real('cost per request'), acceptance: real('acceptance'), 'retry rate': real('retry rate'), latency: real('latency') },
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function row(key: string, t: SpendTally): BreakdownRowView {
  return { key, costMicros: t.costMicros, requests: t.requests };
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
    estimated: r.estimated === true,
    latencyMs: r.latencyMs,
    outcome: r.outcome,
    escalated: r.escalated,
  };
}
