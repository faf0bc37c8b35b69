// Acceptance and retry rates per served pool and per model, beside cost per request, from ledger records joined with
// the quality signals by request id: "cheap" and "good enough" over the same requests.

import type { LedgerRecord } from '../ledger/ledgerRecord';
import type { PoolName } from '../request';
import type { QualitySignal } from './qualitySignal';
import { qualityByRequest, type RequestQuality } from './qualityRules';

/** Counts for one pool, one model, or all answered requests. Rates are derived: accepted / judged, retried / requests. */
export interface QualityTally {
  readonly key: string;
  /** Answered requests (outcome `ok`). */
  readonly requests: number;
  readonly costMicros: number;
  /** Requests the user gave a verdict on (kept or not). */
  readonly judged: number;
  readonly accepted: number;
  /** Requests the user asked again (a stronger model, the same edit re-run). */
  readonly retried: number;
  /** The pool that served (models: the pool that served most of its requests). */
  readonly pool?: PoolName;
}

export interface QualitySummary {
  readonly totals: QualityTally;
  readonly byPool: readonly QualityTally[];
  readonly byModel: readonly QualityTally[];
  /** Picker overrides of the classifier in these requests, most frequent first. */
  readonly overrides: readonly { readonly from: string; readonly to: string; readonly count: number }[];
}

/** Accepted over judged (0 when nothing was judged: check `judged` before showing it). */
export function acceptanceRate(t: Pick<QualityTally, 'judged' | 'accepted'>): number {
  return t.judged === 0 ? 0 : t.accepted / t.judged;
}

/** Retried over answered requests. */
export function retryRate(t: Pick<QualityTally, 'requests' | 'retried'>): number {
  return t.requests === 0 ? 0 : t.retried / t.requests;
}

interface MutableTally {
  requests: number;
  costMicros: number;
  judged: number;
  accepted: number;
  retried: number;
  readonly pools: Map<PoolName, number>;
}

function fresh(): MutableTally {
  return { requests: 0, costMicros: 0, judged: 0, accepted: 0, retried: 0, pools: new Map() };
}

/** Adds records one at a time (the spend report's single pass), then summarises. Signals of other requests are ignored. */
export class QualityAggregator {
  private readonly quality: Map<string, RequestQuality>;
  private readonly totals = fresh();
  private readonly pools = new Map<string, MutableTally>();
  private readonly models = new Map<string, MutableTally>();
  private readonly overrides = new Map<string, number>();

  constructor(signals: readonly QualitySignal[]) {
    this.quality = qualityByRequest(signals);
  }

  /** Counts one record already chosen for the period (range, demo or real). Unanswered requests are not judged. */
  add(record: LedgerRecord): void {
    const q = record.id === undefined ? undefined : this.quality.get(record.id);
    if (q?.override) {
      const key = `${q.override.from}→${q.override.to}`;
      this.overrides.set(key, (this.overrides.get(key) ?? 0) + 1);
    }
    if (record.outcome !== 'ok' || record.servedBy === null) return;
    const pool: PoolName = record.servedPool === 'fallback' ? 'local' : (record.servedPool ?? record.pool);
    let byPool = this.pools.get(pool);
    if (!byPool) this.pools.set(pool, (byPool = fresh()));
    let byModel = this.models.get(record.servedBy);
    if (!byModel) this.models.set(record.servedBy, (byModel = fresh()));
    for (const t of [this.totals, byPool, byModel]) {
      t.requests++;
      t.costMicros += record.costMicros;
      t.pools.set(pool, (t.pools.get(pool) ?? 0) + 1);
      if (q?.verdict) t.judged++;
      if (q?.verdict === 'accepted') t.accepted++;
      if (q?.retried) t.retried++;
    }
  }

  summary(): QualitySummary {
    const rows = (map: Map<string, MutableTally>) => [...map.entries()].map(([key, t]) => tally(key, t)).sort((a, b) => b.requests - a.requests || a.key.localeCompare(b.key));
    return {
      totals: tally('all', this.totals),
      byPool: rows(this.pools),
      byModel: rows(this.models),
      overrides: [...this.overrides.entries()]
        .map(([key, count]) => {
          const [from = '', to = ''] = key.split('→');
          return { from, to, count };
        })
        .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    };
  }
}

function tally(key: string, t: MutableTally): QualityTally {
  const pool = [...t.pools.entries()].sort(([, a], [, b]) => b - a)[0]?.[0];
  return { key, requests: t.requests, costMicros: t.costMicros, judged: t.judged, accepted: t.accepted, retried: t.retried, ...(pool ? { pool } : {}) };
}

/** The summary of `records` (already chosen for the period) with `signals`. */
export function summarizeQuality(records: readonly LedgerRecord[], signals: readonly QualitySignal[]): QualitySummary {
  const aggregator = new QualityAggregator(signals);
  for (const r of records) aggregator.add(r);
  return aggregator.summary();
}
