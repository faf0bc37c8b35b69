// Running aggregates of ledger records by local day (real and demo apart): what the spend panel, the status bar and
// the budgets sum, kept so a report merges a few dozen days instead of re-reading every record.

import { addMoment, mergeMoments, NO_MOMENTS } from '../experiments/moments';
import type { Moments } from '../experiments/moments';
import { POOLS } from '../request';
import type { PoolName } from '../request';
import { isRecord } from '../validated';
import { dayKey } from './calendar';
import { asLedgerRecord } from './ledgerLines';
import type { LedgerRecord } from './ledgerRecord';

/** Requests and money summed over some records. */
export interface SpendTally {
  requests: number;
  costMicros: number;
  baselineMicros: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  failed: number;
  escalated: number;
  /** Requests that ran a paid model without a price. */
  unpricedRequests: number;
}

/** One model's attempts summed (every attempt counts, skips included). */
export interface ModelTally {
  attempts: number;
  served: number;
  failedAttempts: number;
  skipped: number;
  costMicros: number;
  unpricedAttempts: number;
  /** Attempts per pool the model was tried for (the fallback counts as local). */
  pools: Record<PoolName, number>;
}

/** Requests and their cost. */
export interface CountCost {
  n: number;
  cost: number;
}

/** One experiment arm's requests of a day: the cost of every one, the latency of the answered ones. */
export interface ArmDigest {
  cost: Moments;
  latency: Moments;
}

/** Everything the spend report sums over one day's records of one kind (real or demo). Plain JSON. */
export interface DayDigest {
  totals: SpendTally;
  /** By the pool the classifier chose. */
  byPool: Record<string, SpendTally>;
  byKind: Record<string, SpendTally>;
  byModel: Record<string, ModelTally>;
  bySource: Record<string, number>;
  /** Cost by the pool that served (the fallback counts as local). */
  servedCost: Record<PoolName, number>;
  /** Per request kind, cost and count per served pool. */
  kindServed: Record<string, Record<string, { cost: number; n: number }>>;
  cancelled: number;
  budgetDowngrades: number;
  strongerRetries: number;
  cacheHits: number;
  cacheSavedMicros: number;
  /** Answered requests (outcome `ok`) by the pool that served (the fallback counts as local) and by `servedBy`: what the Quality section's rates are per. */
  answered: { byPool: Record<string, CountCost>; byModel: Record<string, CountCost> };
  /** Requests of each pool experiment by arm (`triage.experiments`). */
  experiments: Record<string, { control?: ArmDigest; alternative?: ArmDigest }>;
}

/** A day's real and demo digests: demo spend is illustrative and never summed with real spend. */
export interface DayDigests {
  real?: DayDigest;
  demo?: DayDigest;
}

/** How many of the newest records of each kind a digest keeps, for the panel's recent-requests table. */
export const RECENT_KEPT = 25;

/** The digest of a run of records (one ledger file): by local day, the newest records, and the lines skipped. */
export interface LedgerDigest {
  readonly days: Record<string, DayDigests>;
  /** The last `RECENT_KEPT` real and demo records, in append order. */
  readonly recent: { real: LedgerRecord[]; demo: LedgerRecord[] };
  corruptLines: number;
}

/** An empty digest. */
export function emptyLedgerDigest(): LedgerDigest {
  return { days: {}, recent: { real: [], demo: [] }, corruptLines: 0 };
}

function emptyTally(): SpendTally {
  return { requests: 0, costMicros: 0, baselineMicros: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, failed: 0, escalated: 0, unpricedRequests: 0 };
}

function emptyPools(): Record<PoolName, number> {
  return { local: 0, quick: 0, coding: 0, reasoning: 0 };
}

/** An empty day digest. */
export function emptyDayDigest(): DayDigest {
  return {
    totals: emptyTally(),
    byPool: {},
    byKind: {},
    byModel: {},
    bySource: {},
    servedCost: emptyPools(),
    kindServed: {},
    cancelled: 0,
    budgetDowngrades: 0,
    strongerRetries: 0,
    cacheHits: 0,
    cacheSavedMicros: 0,
    answered: { byPool: {}, byModel: {} },
    experiments: {},
  };
}

/** The pool that actually answered; the final fallback runs on this machine, so it counts as local. */
export function servedPoolOf(r: LedgerRecord): PoolName {
  return r.servedPool === 'fallback' ? 'local' : (r.servedPool ?? r.pool);
}

function addRecordToTally(t: SpendTally, r: LedgerRecord): void {
  t.requests++;
  t.costMicros += r.costMicros;
  t.baselineMicros += r.baselineMicros;
  t.inputTokens += r.usage.inputTokens;
  t.cachedInputTokens += r.usage.cachedInputTokens;
  t.outputTokens += r.usage.outputTokens;
  if (r.outcome === 'failed') t.failed++;
  if (r.escalated) t.escalated++;
  if (r.unpriced) t.unpricedRequests++;
}

function tallyIn(map: Record<string, SpendTally>, key: string): SpendTally {
  return (map[key] ??= emptyTally());
}

/** Adds one record to a day digest. */
export function addToDayDigest(d: DayDigest, r: LedgerRecord): void {
  addRecordToTally(d.totals, r);
  addRecordToTally(tallyIn(d.byPool, r.pool), r);
  addRecordToTally(tallyIn(d.byKind, r.kind), r);
  r.attempts.forEach((a, index) => {
    const m = (d.byModel[a.model] ??= { attempts: 0, served: 0, failedAttempts: 0, skipped: 0, costMicros: 0, unpricedAttempts: 0, pools: emptyPools() });
    m.attempts++;
    m.pools[a.pool === 'fallback' ? 'local' : a.pool]++;
    m.costMicros += a.costMicros;
    if (a.unpriced) m.unpricedAttempts++;
    if (a.outcome.startsWith('skipped-')) m.skipped++;
    else if (a.outcome === 'ok' && r.servedBy === a.model && index === r.attempts.length - 1) m.served++;
    else if (a.outcome !== 'ok' && a.outcome !== 'cancelled') m.failedAttempts++;
  });
  d.bySource[r.classifier.source] = (d.bySource[r.classifier.source] ?? 0) + 1;
  const served = servedPoolOf(r);
  d.servedCost[served] += r.costMicros;
  const kindPools = (d.kindServed[r.kind] ??= {});
  const kp = (kindPools[served] ??= { cost: 0, n: 0 });
  kp.cost += r.costMicros;
  kp.n++;
  if (r.outcome === 'cancelled') d.cancelled++;
  if (r.budgetDowngraded) d.budgetDowngrades++;
  if (r.retry === 'stronger') d.strongerRetries++;
  if (r.cache !== undefined) {
    d.cacheHits++;
    d.cacheSavedMicros += r.cacheSavedMicros ?? 0;
  }
  if (r.outcome === 'ok' && r.servedBy !== null) {
    const byPool = (d.answered.byPool[served] ??= { n: 0, cost: 0 });
    byPool.n++;
    byPool.cost += r.costMicros;
    const byModel = (d.answered.byModel[r.servedBy] ??= { n: 0, cost: 0 });
    byModel.n++;
    byModel.cost += r.costMicros;
  }
  if (r.experiment) {
    const arms = (d.experiments[r.experiment.id] ??= {});
    const arm = (arms[r.experiment.arm] ??= { cost: NO_MOMENTS, latency: NO_MOMENTS });
    arm.cost = addMoment(arm.cost, r.costMicros);
    if (r.outcome === 'ok') arm.latency = addMoment(arm.latency, r.latencyMs);
  }
}

function mergeCounts(into: Record<string, CountCost>, from: Record<string, CountCost>): void {
  for (const [k, c] of Object.entries(from)) {
    const to = (into[k] ??= { n: 0, cost: 0 });
    to.n += c.n;
    to.cost += c.cost;
  }
}

/** Adds one record to the digest of the day it started (local calendar) and to the newest records kept. */
export function addToLedgerDigest(digest: LedgerDigest, r: LedgerRecord, at = Date.parse(r.time)): void {
  const day = (digest.days[dayKey(at)] ??= {});
  const flag = r.demo === true ? 'demo' : 'real';
  addToDayDigest((day[flag] ??= emptyDayDigest()), r);
  const recent = digest.recent[flag];
  recent.push(r);
  if (recent.length > 2 * RECENT_KEPT) recent.splice(0, recent.length - RECENT_KEPT);
}

function mergeTally(into: SpendTally, from: SpendTally): void {
  for (const key of Object.keys(from) as (keyof SpendTally)[]) into[key] += from[key];
}

/** Adds `from` into `into` (both day digests of the same kind; `from` is not changed). */
export function mergeDayDigest(into: DayDigest, from: DayDigest): void {
  mergeTally(into.totals, from.totals);
  for (const [k, t] of Object.entries(from.byPool)) mergeTally(tallyIn(into.byPool, k), t);
  for (const [k, t] of Object.entries(from.byKind)) mergeTally(tallyIn(into.byKind, k), t);
  for (const [k, m] of Object.entries(from.byModel)) {
    const to = (into.byModel[k] ??= { attempts: 0, served: 0, failedAttempts: 0, skipped: 0, costMicros: 0, unpricedAttempts: 0, pools: emptyPools() });
    to.attempts += m.attempts;
    to.served += m.served;
    to.failedAttempts += m.failedAttempts;
    to.skipped += m.skipped;
    to.costMicros += m.costMicros;
    to.unpricedAttempts += m.unpricedAttempts;
    for (const p of POOLS) to.pools[p] += m.pools[p];
  }
  for (const [k, n] of Object.entries(from.bySource)) into.bySource[k] = (into.bySource[k] ?? 0) + n;
  for (const p of POOLS) into.servedCost[p] += from.servedCost[p];
  for (const [kind, pools] of Object.entries(from.kindServed)) {
    const to = (into.kindServed[kind] ??= {});
    for (const [pool, v] of Object.entries(pools)) {
      const at = (to[pool] ??= { cost: 0, n: 0 });
      at.cost += v.cost;
      at.n += v.n;
    }
  }
  into.cancelled += from.cancelled;
  into.budgetDowngrades += from.budgetDowngrades;
  into.strongerRetries += from.strongerRetries;
  into.cacheHits += from.cacheHits;
  into.cacheSavedMicros += from.cacheSavedMicros;
  mergeCounts(into.answered.byPool, from.answered.byPool);
  mergeCounts(into.answered.byModel, from.answered.byModel);
  for (const [id, arms] of Object.entries(from.experiments)) {
    const to = (into.experiments[id] ??= {});
    for (const arm of ['control', 'alternative'] as const) {
      const a = arms[arm];
      if (!a) continue;
      const t = (to[arm] ??= { cost: NO_MOMENTS, latency: NO_MOMENTS });
      t.cost = mergeMoments(t.cost, a.cost);
      t.latency = mergeMoments(t.latency, a.latency);
    }
  }
}

/** The newest records of one kind across digests given oldest first, newest first, at most `limit`. */
export function newestRecords(digests: readonly LedgerDigest[], demo: boolean, keep: (r: LedgerRecord) => boolean, limit = RECENT_KEPT): LedgerRecord[] {
  const out: LedgerRecord[] = [];
  for (let f = digests.length - 1; f >= 0 && out.length < limit; f--) {
    const recent = (digests[f] as LedgerDigest).recent[demo ? 'demo' : 'real'];
    for (let i = recent.length - 1; i >= 0 && out.length < limit; i--) {
      const r = recent[i] as LedgerRecord;
      if (keep(r)) out.push(r);
    }
  }
  return out;
}

// ---- validation of a digest read back from disk (a checkpoint): anything off and the file is re-read instead ----

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

const TALLY_KEYS: readonly (keyof SpendTally)[] = ['requests', 'costMicros', 'baselineMicros', 'inputTokens', 'cachedInputTokens', 'outputTokens', 'failed', 'escalated', 'unpricedRequests'];

function isTally(value: unknown): value is SpendTally {
  return isRecord(value) && TALLY_KEYS.every((k) => isCount(value[k])) && Object.keys(value).length === TALLY_KEYS.length;
}

function isMapOf(value: unknown, each: (v: unknown) => boolean): boolean {
  return isRecord(value) && Object.values(value).every(each);
}

function isPoolCounts(value: unknown): boolean {
  return isRecord(value) && POOLS.every((p) => isCount(value[p]));
}

function isModelTally(value: unknown): boolean {
  return (
    isRecord(value) &&
    ['attempts', 'served', 'failedAttempts', 'skipped', 'costMicros', 'unpricedAttempts'].every((k) => isCount(value[k])) &&
    isPoolCounts(value.pools)
  );
}

function sumOf(map: Record<string, SpendTally>, key: keyof SpendTally): number {
  return Object.values(map).reduce((n, t) => n + t[key], 0);
}

function isCountCost(value: unknown): boolean {
  return isRecord(value) && isCount(value.n) && isCount(value.cost) && Object.keys(value).length === 2;
}

function isMoments(value: unknown): boolean {
  return isRecord(value) && isCount(value.n) && Number.isFinite(value.mean) && Number.isFinite(value.m2) && (value.m2 as number) >= 0;
}

function isArmDigest(value: unknown): boolean {
  return value === undefined || (isRecord(value) && isMoments(value.cost) && isMoments(value.latency));
}

/** A well-formed day digest whose parts add up (each request is in one chosen pool and one kind). */
function isDayDigest(value: unknown): value is DayDigest {
  if (!isRecord(value) || !isTally(value.totals)) return false;
  if (!isMapOf(value.byPool, isTally) || !isMapOf(value.byKind, isTally) || !isMapOf(value.byModel, isModelTally)) return false;
  if (!isMapOf(value.bySource, isCount) || !isPoolCounts(value.servedCost)) return false;
  if (!isMapOf(value.kindServed, (pools) => isMapOf(pools, (v) => isRecord(v) && isCount(v.cost) && isCount(v.n)))) return false;
  if (!['cancelled', 'budgetDowngrades', 'strongerRetries', 'cacheHits', 'cacheSavedMicros'].every((k) => isCount(value[k]))) return false;
  // A checkpoint from before these were kept lacks them: it is re-read from the file, once.
  if (!isRecord(value.answered) || !isMapOf(value.answered.byPool, isCountCost) || !isMapOf(value.answered.byModel, isCountCost)) return false;
  if (!isMapOf(value.experiments, (arms) => isRecord(arms) && isArmDigest(arms.control) && isArmDigest(arms.alternative))) return false;
  const d = value as unknown as DayDigest;
  const served = POOLS.reduce((n, p) => n + d.servedCost[p], 0);
  return (
    sumOf(d.byPool, 'requests') === d.totals.requests &&
    sumOf(d.byKind, 'requests') === d.totals.requests &&
    sumOf(d.byPool, 'costMicros') === d.totals.costMicros &&
    served === d.totals.costMicros
  );
}

/** A digest read back from JSON, or undefined when any part is malformed or does not add up. */
export function parseLedgerDigest(value: unknown): LedgerDigest | undefined {
  if (!isRecord(value) || !isRecord(value.days) || !isRecord(value.recent) || !isCount(value.corruptLines)) return undefined;
  for (const [day, digests] of Object.entries(value.days)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isRecord(digests)) return undefined;
    if (digests.real !== undefined && !isDayDigest(digests.real)) return undefined;
    if (digests.demo !== undefined && !isDayDigest(digests.demo)) return undefined;
  }
  const real = recordsOf(value.recent.real, false);
  const demo = recordsOf(value.recent.demo, true);
  if (!real || !demo) return undefined;
  return { days: value.days as Record<string, DayDigests>, recent: { real, demo }, corruptLines: value.corruptLines };
}

function recordsOf(value: unknown, demo: boolean): LedgerRecord[] | undefined {
  if (!Array.isArray(value) || value.length > 2 * RECENT_KEPT) return undefined;
  const out: LedgerRecord[] = [];
  for (const item of value) {
    const r = asLedgerRecord(item);
    if (!r || (r.demo === true) !== demo) return undefined;
    out.push(r);
  }
  return out;
}
