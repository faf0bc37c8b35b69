// Health of routing over a rolling window of recent requests: premium share, cost per request, escalation, failures
// and latency against thresholds (seed 003's monitoring defaults), and which crossed ones to tell the user about today.

import { dayKey } from '../ledger/calendar';
import type { HealthColumns } from './healthColumns';
import type { HealthRecord } from './healthColumns';

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

export type { HealthRecord } from './healthColumns';
export { HealthColumns } from './healthColumns';
import type { HealthChunk } from './healthColumns';

/**
 * Reads the window's real records, or only its demo ones with `demo` (demo mode shows the fakes' requests apart: their
 * money and latency are illustrative, so the two are never judged together).
 */
export function checkHealth(
  records: readonly HealthRecord[] | HealthColumns,
  nowMs: number,
  thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
  window: HealthWindow = DEFAULT_HEALTH_WINDOW,
  demo = false,
): HealthReport {
  const tally = new HealthTally(nowMs, window, demo);
  if (!Array.isArray(records)) {
    const { parts } = records as HealthColumns;
    scan: for (let k = parts.length - 1; k >= 0; k--) {
      const s = parts[k] as (typeof parts)[number];
      for (let j = s.to - 1; j >= s.from; j--) if (!tally.addFrom(s.chunk, j)) break scan;
    }
  } else {
    const list = records as readonly HealthRecord[];
    for (let i = list.length - 1; i >= 0 && tally.add(list[i] as HealthRecord); i--);
  }
  return tally.report(thresholds);
}

/**
 * `checkHealth` a few thousand records per synchronous step, awaiting `pause` between steps: a week of a heavy user's
 * requests (tens of thousands of records, ~0.5 µs each) never blocks the extension host. Same report as `checkHealth`.
 */
export async function checkHealthInSteps(
  records: readonly HealthRecord[] | HealthColumns,
  nowMs: number,
  thresholds: HealthThresholds,
  window: HealthWindow,
  demo: boolean,
  pause: () => Promise<void>,
  step = HEALTH_STEP,
): Promise<HealthReport> {
  const tally = new HealthTally(nowMs, window, demo);
  let n = 0;
  if (!Array.isArray(records)) {
    const parts = [...(records as HealthColumns).parts];
    scan: for (let k = parts.length - 1; k >= 0; k--) {
      const s = parts[k] as (typeof parts)[number];
      for (let j = s.to - 1; j >= s.from; j--) {
        if (!tally.addFrom(s.chunk, j)) break scan;
        if (++n % step === 0) await pause();
      }
    }
  } else {
    const list = records as readonly HealthRecord[];
    for (let i = list.length - 1; i >= 0 && tally.add(list[i] as HealthRecord); i--) {
      if (++n % step === 0) await pause();
    }
  }
  return tally.report(thresholds);
}

/** Records per synchronous step of `checkHealthInSteps`: about a millisecond on this project's machines. */
export const HEALTH_STEP = 2000;

/**
 * The window's figures, one record at a time, newest first. Ledger lines are in append order, and a record's time is
 * when its request started, so one that started a day before the window began ends the scan (a request lasts minutes,
 * not a day): `add` returns false then. A ledger of a million lines costs only the window's lines.
 */
export class HealthTally {
  private readonly fromMs: number;
  private requests = 0;
  private answered = 0;
  private served = 0;
  private premium = 0;
  private escalated = 0;
  private failed = 0;
  private costMicros = 0;
  private readonly latencies: number[] = [];

  constructor(
    private readonly nowMs: number,
    private readonly window: HealthWindow,
    private readonly demo: boolean,
  ) {
    this.fromMs = nowMs - window.days * DAY_MS;
  }

  /** Counts `r` when it is in the window and of the kind judged; false once the scan has passed the window's start. */
  add(r: HealthRecord): boolean {
    return this.count(Date.parse(r.time), r.demo === true, r.costMicros, r.outcome, r.escalated, r.servedPool, r.latencyMs);
  }

  /** `add` for the record at `j` of a chunk of columns. */
  addFrom(c: HealthChunk, j: number): boolean {
    return this.count(c.times[j] as number, c.demo(j), c.costs[j] as number, c.outcome(j), c.escalated(j), c.servedPool(j), c.latencies[j] as number);
  }

  private count(at: number, demo: boolean, costMicros: number, outcome: HealthRecord['outcome'], escalated: boolean, servedPool: HealthRecord['servedPool'], latencyMs: number): boolean {
    if (at < this.fromMs - DAY_MS) return false;
    if (demo !== this.demo || !(at >= this.fromMs && at <= this.nowMs)) return true;
    this.requests++;
    this.costMicros += costMicros;
    if (outcome !== 'cancelled') {
      this.answered++;
      if (escalated) this.escalated++;
      if (outcome === 'failed') this.failed++;
    }
    if (outcome === 'ok') {
      this.served++;
      if (servedPool === 'reasoning') this.premium++;
      this.latencies.push(latencyMs);
    }
    return true;
  }

  report(thresholds: HealthThresholds): HealthReport {
    const tooFew = this.requests < this.window.minRequests;
    const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
    const reading = (metric: HealthMetric, value: number, limit: number, sample: number): HealthReading => ({
      metric,
      value,
      limit,
      sample,
      crossed: !tooFew && sample > 0 && value > limit,
    });
    return {
      fromMs: this.fromMs,
      requests: this.requests,
      tooFew,
      readings: [
        reading('premium-share', share(this.premium, this.served), thresholds.premiumShare, this.served),
        reading('cost-per-request', share(this.costMicros, this.requests), thresholds.costPerRequestMicros, this.requests),
        reading('escalation-rate', share(this.escalated, this.answered), thresholds.escalationRate, this.answered),
        reading('failure-rate', share(this.failed, this.answered), thresholds.failureRate, this.answered),
        reading('p95-latency', percentile(this.latencies, 0.95), thresholds.p95LatencyMs, this.served),
      ],
    };
  }
}

/** Nearest-rank percentile; 0 for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  // A typed array sorts numbers natively: tens of thousands of latencies in a couple of ms.
  const sorted = Float64Array.from(values).sort();
  const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
  // A record without a latency (a hand-edited line) sorts last as NaN: 0 then, as an empty sample gives.
  return Number.isFinite(value) ? value : 0;
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

