// Aggregates ledger records for the spend panel: totals, savings, rates, and breakdowns by model, pool, day and kind.

import { POOLS } from '../request';
import type { PoolName } from '../request';
import { dayKey, startOfDay } from './calendar';
import type { LedgerRecord } from './ledgerRecord';

/** The periods the spend panel offers. `7d` and `30d` are calendar days including today. */
export type LedgerRange = 'today' | '7d' | '30d' | 'all';

/** Requests and money for one group (a pool, a day, a request kind, or everything). */
export interface SpendBucket {
  readonly key: string;
  readonly requests: number;
  readonly costMicros: number;
  readonly baselineMicros: number;
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
  readonly failed: number;
  readonly escalated: number;
  /** Requests that ran a paid model without a price: their real cost is higher than shown. */
  readonly unpricedRequests: number;
}

/** One model's share: every attempt counts, including rejected answers and skips. */
export interface ModelBucket {
  readonly model: string;
  readonly attempts: number;
  /** Attempts that produced the answer the user got. */
  readonly served: number;
  /** Attempts that ended in an error or an unusable answer (skips excluded). */
  readonly failedAttempts: number;
  readonly skipped: number;
  readonly costMicros: number;
  readonly unpricedAttempts: number;
  /** The pool this model was tried for most often (the fallback counts as local), for its colour. */
  readonly pool: PoolName;
}

/** Everything the spend panel shows for one range. */
export interface LedgerSummary {
  readonly range: LedgerRange;
  /** Start of the range in ms (local midnight), null for `all`. */
  readonly fromMs: number | null;
  readonly totals: SpendBucket;
  /** Baseline minus actual cost; negative when routing cost more than the baseline would have. */
  readonly savingsMicros: number;
  /** Savings as a percentage of the baseline, one decimal; 0 when the baseline is 0. */
  readonly savingsPercent: number;
  /** Share of requests that left their chosen pool (automatic escalations). */
  readonly escalationRate: number;
  /** Requests that were the user's "ask a stronger model" retries, counted apart from automatic escalations. */
  readonly strongerRetries: number;
  readonly strongerRetryRate: number;
  /** Requests served from the response cache, and what their original answers cost (what the cache saved). */
  readonly cacheHits: number;
  readonly cacheSavedMicros: number;
  /** Share of requests, cancelled ones excluded, that failed. */
  readonly failureRate: number;
  readonly cancelled: number;
  readonly budgetDowngrades: number;
  readonly byModel: readonly ModelBucket[];
  /** In pool order, local first; only pools that occur. */
  readonly byPool: readonly SpendBucket[];
  /** Oldest day first. */
  readonly byDay: readonly SpendBucket[];
  readonly byKind: readonly SpendBucket[];
  /** How many verdicts came from each classifier source, and how many went to each pool. */
  readonly classifier: {
    readonly bySource: Readonly<Record<string, number>>;
    readonly byPool: Readonly<Record<PoolName, number>>;
  };
}

/** Local midnight where a range starts, or null for `all`. */
export function rangeStart(range: LedgerRange, nowMs: number): number | null {
  switch (range) {
    case 'today':
      return startOfDay(nowMs);
    case '7d':
      return startOfDay(nowMs, 6);
    case '30d':
      return startOfDay(nowMs, 29);
    case 'all':
      return null;
  }
}

type MutableBucket = { -readonly [K in keyof SpendBucket]: SpendBucket[K] };
type MutableModel = { -readonly [K in keyof Omit<ModelBucket, 'pool'>]: ModelBucket[K] } & { readonly pools: Record<PoolName, number> };

function emptyBucket(key: string): MutableBucket {
  return { key, requests: 0, costMicros: 0, baselineMicros: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, failed: 0, escalated: 0, unpricedRequests: 0 };
}

function add(bucket: MutableBucket, r: LedgerRecord): void {
  bucket.requests++;
  bucket.costMicros += r.costMicros;
  bucket.baselineMicros += r.baselineMicros;
  bucket.inputTokens += r.usage.inputTokens;
  bucket.cachedInputTokens += r.usage.cachedInputTokens;
  bucket.outputTokens += r.usage.outputTokens;
  if (r.outcome === 'failed') bucket.failed++;
  if (r.escalated) bucket.escalated++;
  if (r.unpriced) bucket.unpricedRequests++;
}

function addTo(map: Map<string, MutableBucket>, key: string, r: LedgerRecord): void {
  let bucket = map.get(key);
  if (!bucket) map.set(key, (bucket = emptyBucket(key)));
  add(bucket, r);
}

function addAttempts(map: Map<string, MutableModel>, r: LedgerRecord): void {
  r.attempts.forEach((a, index) => {
    let m = map.get(a.model);
    if (!m) map.set(a.model, (m = { model: a.model, attempts: 0, served: 0, failedAttempts: 0, skipped: 0, costMicros: 0, unpricedAttempts: 0, pools: { local: 0, quick: 0, coding: 0, reasoning: 0 } }));
    m.attempts++;
    m.pools[a.pool === 'fallback' ? 'local' : a.pool]++;
    m.costMicros += a.costMicros;
    if (a.unpriced) m.unpricedAttempts++;
    if (a.outcome.startsWith('skipped-')) m.skipped++;
    else if (a.outcome === 'ok' && r.servedBy === a.model && index === r.attempts.length - 1) m.served++;
    else if (a.outcome !== 'ok' && a.outcome !== 'cancelled') m.failedAttempts++;
  });
}

function modelBucket({ pools, ...rest }: MutableModel): ModelBucket {
  const pool = POOLS.reduce((best, p) => (pools[p] > pools[best] ? p : best), POOLS[0]);
  return { ...rest, pool };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** Summarises the records that fall in `range` as of `nowMs`. */
export function summarizeLedger(records: readonly LedgerRecord[], range: LedgerRange, nowMs: number): LedgerSummary {
  const summarizer = new LedgerSummarizer(range, nowMs);
  for (const r of records) summarizer.add(r, Date.parse(r.time));
  return summarizer.summary();
}

/** `summarizeLedger` one record at a time, so a caller can spread a big ledger over several steps. */
export class LedgerSummarizer {
  readonly fromMs: number | null;
  private readonly totals = emptyBucket('total');
  private readonly byPool = new Map<string, MutableBucket>();
  private readonly byDay = new Map<string, MutableBucket>();
  private readonly byKind = new Map<string, MutableBucket>();
  private readonly byModel = new Map<string, MutableModel>();
  private readonly bySource: Record<string, number> = {};
  private readonly classifierPools = Object.fromEntries(POOLS.map((p) => [p, 0])) as Record<PoolName, number>;
  private cancelled = 0;
  private budgetDowngrades = 0;
  private strongerRetries = 0;
  private cacheHits = 0;
  private cacheSavedMicros = 0;

  constructor(
    private readonly range: LedgerRange,
    nowMs: number,
  ) {
    this.fromMs = rangeStart(range, nowMs);
  }

  /** Counts `r` (whose time is `at`, ms) when it falls in the range; true when it did. */
  add(r: LedgerRecord, at: number): boolean {
    if (this.fromMs !== null && at < this.fromMs) return false;
    add(this.totals, r);
    addTo(this.byPool, r.pool, r);
    addTo(this.byDay, dayKey(at), r);
    addTo(this.byKind, r.kind, r);
    addAttempts(this.byModel, r);
    this.bySource[r.classifier.source] = (this.bySource[r.classifier.source] ?? 0) + 1;
    this.classifierPools[r.pool]++;
    if (r.outcome === 'cancelled') this.cancelled++;
    if (r.budgetDowngraded) this.budgetDowngrades++;
    if (r.retry === 'stronger') this.strongerRetries++;
    if (r.cache !== undefined) {
      this.cacheHits++;
      this.cacheSavedMicros += r.cacheSavedMicros ?? 0;
    }
    return true;
  }

  summary(): LedgerSummary {
    const totals = this.totals;
    const savingsMicros = totals.baselineMicros - totals.costMicros;
    return {
      range: this.range,
      fromMs: this.fromMs,
      totals,
      savingsMicros,
      savingsPercent: totals.baselineMicros === 0 ? 0 : Math.round((savingsMicros / totals.baselineMicros) * 1000) / 10,
      escalationRate: ratio(totals.escalated, totals.requests),
      strongerRetries: this.strongerRetries,
      strongerRetryRate: ratio(this.strongerRetries, totals.requests),
      cacheHits: this.cacheHits,
      cacheSavedMicros: this.cacheSavedMicros,
      failureRate: ratio(totals.failed, totals.requests - this.cancelled),
      cancelled: this.cancelled,
      budgetDowngrades: this.budgetDowngrades,
      byModel: [...this.byModel.values()].map(modelBucket).sort((a, b) => b.costMicros - a.costMicros || b.attempts - a.attempts),
      byPool: POOLS.filter((p) => this.byPool.has(p)).map((p) => this.byPool.get(p) as MutableBucket),
      byDay: [...this.byDay.values()].sort((a, b) => a.key.localeCompare(b.key)),
      byKind: [...this.byKind.values()],
      classifier: { bySource: this.bySource, byPool: this.classifierPools },
    };
  }
}
