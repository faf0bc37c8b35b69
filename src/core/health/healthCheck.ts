// Health of routing over a rolling window of recent requests: premium share, cost per request, escalation, failures
// and latency against thresholds (seed 003's monitoring defaults), and which crossed ones to tell the user about today.

import { dayKey } from '../ledger/calendar';
import type { LedgerRecord } from '../ledger/ledgerRecord';

export type HealthMetric = 'premium-share' | 'cost-per-request' | 'escalation-rate' | 'failure-rate' | 'p95-latency';

export const HEALTH_METRICS: readonly HealthMetric[] = ['premium-share', 'cost-per-request', 'escalation-rate', 'failure-rate', 'p95-latency'];

/** Upper limits; a reading above its limit is crossed. Rates are fractions (0.3 = 30%). */
export interface HealthThresholds {
  readonly premiumShare: number;
  readonly costPerRequestMicros: number;
  readonly escalationRate: number;
  readonly failureRate: number;
  readonly p95LatencyMs: number;
}

/**
 * Seed 003's thresholds: premium > 30% of requests, cost per request > $0.05, escalation > 40%, p95 > 10 s. The seed
 * names no failure limit; 10% is ours: a working setup fails about never, and one request in ten failing means a key,
 * a model name or a provider is broken — worth a notification, while a single bad afternoon at low volume is not.
 */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  premiumShare: 0.3,
  costPerRequestMicros: 50_000,
  escalationRate: 0.4,
  failureRate: 0.1,
  p95LatencyMs: 10_000,
};

/** The rolling window: the last `days` calendar days, judged only with at least `minRequests` requests in it. */
export interface HealthWindow {
  readonly days: number;
  readonly minRequests: number;
}

/** Seven days, so a weekend does not empty it; twenty requests, so two slow answers on a quiet day alert nobody. */
export const DEFAULT_HEALTH_WINDOW: HealthWindow = { days: 7, minRequests: 20 };

export interface HealthReading {
  readonly metric: HealthMetric;
  /** Fraction for rates, micro-dollars for cost, ms for latency. */
  readonly value: number;
  readonly limit: number;
  readonly crossed: boolean;
  /** Requests the reading is over. */
  readonly sample: number;
}

export interface HealthReport {
  readonly fromMs: number;
  /** Requests in the window (real ones, or demo ones in demo mode; never both). */
  readonly requests: number;
  /** Too few requests to judge: no reading is crossed. */
  readonly tooFew: boolean;
  readonly readings: readonly HealthReading[];
}

const DAY_MS = 86_400_000;

/**
 * Reads the window's real records, or only its demo ones with `demo` (demo mode shows the fakes' requests apart: their
 * money and latency are illustrative, so the two are never judged together).
 */
export function checkHealth(
  records: readonly LedgerRecord[],
  nowMs: number,
  thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
  window: HealthWindow = DEFAULT_HEALTH_WINDOW,
  demo = false,
): HealthReport {
  const fromMs = nowMs - window.days * DAY_MS;
  const inWindow = recentRecords(records, fromMs, nowMs, demo);
  const tooFew = inWindow.length < window.minRequests;
  const answered = inWindow.filter((r) => r.outcome !== 'cancelled');
  const served = inWindow.filter((r) => r.outcome === 'ok');
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  const reading = (metric: HealthMetric, value: number, limit: number, sample: number): HealthReading => ({
    metric,
    value,
    limit,
    sample,
    crossed: !tooFew && sample > 0 && value > limit,
  });
  return {
    fromMs,
    requests: inWindow.length,
    tooFew,
    readings: [
      reading('premium-share', share(served.filter((r) => r.servedPool === 'reasoning').length, served.length), thresholds.premiumShare, served.length),
      reading('cost-per-request', share(sum(inWindow.map((r) => r.costMicros)), inWindow.length), thresholds.costPerRequestMicros, inWindow.length),
      reading('escalation-rate', share(answered.filter((r) => r.escalated).length, answered.length), thresholds.escalationRate, answered.length),
      reading('failure-rate', share(answered.filter((r) => r.outcome === 'failed').length, answered.length), thresholds.failureRate, answered.length),
      reading('p95-latency', percentile(served.map((r) => r.latencyMs), 0.95), thresholds.p95LatencyMs, served.length),
    ],
  };
}

/**
 * The window's records, read from the end: ledger lines are in append order, and a record's time is when its request
 * started, so one that started a day before the window began ends the scan (a request lasts minutes, not a day).
 * A ledger of a million lines costs only the window's lines.
 */
function recentRecords(records: readonly LedgerRecord[], fromMs: number, nowMs: number, demo: boolean): LedgerRecord[] {
  const out: LedgerRecord[] = [];
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i] as LedgerRecord;
    const at = Date.parse(r.time);
    if (at < fromMs - DAY_MS) break;
    if ((r.demo === true) === demo && at >= fromMs && at <= nowMs) out.push(r);
  }
  return out.reverse();
}

/** Nearest-rank percentile; 0 for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/**
 * The crossed readings not yet told today, and the updated "last told" days to store. Each metric is told at most once
 * per local day and limit, so an alert that stays crossed comes back tomorrow, not after every request; a limit the
 * user changed since is a new question and is told the same day (stored as `day@limit`; a bare day, as stored
 * before, counts as told at any limit).
 */
export function alertsDue(
  report: HealthReport,
  lastTold: Readonly<Partial<Record<HealthMetric, string>>>,
  nowMs: number,
): { readonly due: readonly HealthReading[]; readonly told: Partial<Record<HealthMetric, string>> } {
  const today = dayKey(nowMs);
  const key = (r: HealthReading) => `${today}@${r.limit}`;
  const due = report.readings.filter((r) => r.crossed && lastTold[r.metric] !== today && lastTold[r.metric] !== key(r));
  const told: Partial<Record<HealthMetric, string>> = { ...lastTold };
  for (const r of due) told[r.metric] = key(r);
  return { due, told };
}

/** One line a person reads: what is high, by how much, and over how many requests. */
export function describeReading(r: HealthReading): string {
  const pct = (x: number) => formatHealthValue('premium-share', x);
  const usd = (micros: number) => formatHealthValue('cost-per-request', micros);
  const over = `over the last ${r.sample} requests`;
  switch (r.metric) {
    case 'premium-share':
      return `${pct(r.value)} of answers came from the reasoning pool (limit ${pct(r.limit)}) ${over}`;
    case 'cost-per-request':
      return `a request cost ${usd(r.value)} on average (limit ${usd(r.limit)}) ${over}`;
    case 'escalation-rate':
      return `${pct(r.value)} of requests left their pool because its models failed (limit ${pct(r.limit)}) ${over}`;
    case 'failure-rate':
      return `${pct(r.value)} of requests failed (limit ${pct(r.limit)}) ${over}`;
    case 'p95-latency':
      return `the slowest 5% of answers took over ${formatHealthValue(r.metric, r.value)} (limit ${formatHealthValue(r.metric, r.limit)}) ${over}`;
  }
}

/** A reading's value or limit in its unit: percent, dollars (4 decimals under a cent, rounded half up) or seconds. */
export function formatHealthValue(metric: HealthMetric, x: number): string {
  switch (metric) {
    case 'cost-per-request':
      return x < 10_000 ? `$${(Math.round(x / 100) / 10_000).toFixed(4)}` : `$${(Math.round(x / 1000) / 1000).toFixed(3)}`;
    case 'p95-latency':
      return `${(Math.round(x / 100) / 10).toFixed(1)} s`;
    default:
      return `${Math.round(x * 1000) / 10}%`;
  }
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
