// The spend panel's Quality section: acceptance and retry rates per serving pool and per model over a period, beside
// cost per request. Request counts and cost come from the ledger's day digests; verdicts and retries from the quality
// signals, each placed by the request it carries (`SignalRequest`), so no ledger record is read to join them.

import type { CountCost } from '../ledger/spendDigest';
import { POOLS } from '../request';
import type { QualitySignal, SignalRequest } from './qualitySignal';
import { isRetry, judgementOf, type Verdict } from './qualityRules';

/** What one request's signals add up to. */
export interface JudgedRequest {
  /** The last edit or fix verdict in time order (accepted then undone is rejected); undefined when none was given. */
  readonly verdict?: Verdict;
  readonly retried: boolean;
  /** The request as recorded, from whichever of its signals carries it; undefined when none does. */
  readonly req?: SignalRequest;
}

/**
 * Folds signals (any order) into one entry per request id that was judged or retried; `demo` picks which signals count
 * (demo requests' signals stay with the demo figures). Pool picks and copies alone judge nothing and give no entry.
 */
export function judgedRequests(signals: readonly QualitySignal[], demo: boolean): Map<string, JudgedRequest> {
  const sorted = signals.filter((s) => (s.demo === true) === demo).sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const out = new Map<string, JudgedRequest>();
  const reqs = new Map<string, SignalRequest>();
  for (const s of sorted) {
    if (s.req && !reqs.has(s.id)) reqs.set(s.id, s.req);
    const verdict = judgementOf(s.signal);
    const retry = isRetry(s.signal);
    if (!verdict && !retry) continue;
    const at = out.get(s.id);
    const kept = verdict ?? at?.verdict;
    out.set(s.id, { ...(kept ? { verdict: kept } : {}), retried: (at?.retried ?? false) || retry });
  }
  for (const [id, j] of out) {
    const req = reqs.get(id);
    if (req) out.set(id, { ...j, req });
  }
  return out;
}

/** One pool's or model's row. Rates are derived: accepted / judged, retried / requests; check the counts first. */
export interface QualityRow {
  readonly key: string;
  /** Answered requests in the period. */
  readonly requests: number;
  readonly costMicros: number;
  /** Requests given an edit or fix verdict, and how many of them were kept. */
  readonly judged: number;
  readonly accepted: number;
  /** Requests asked again (a stronger model, the same edit re-run). */
  readonly retried: number;
}

export interface QualityReport {
  /** In pool order, local first; only pools with requests or signals. */
  readonly byPool: readonly QualityRow[];
  /** Most requests first. */
  readonly byModel: readonly QualityRow[];
  /** Judged or retried requests whose signals do not say which request they were (written before that was kept, or by a window that no longer knew it): counted nowhere. */
  readonly unknownRequests: number;
}

/** What the period's day digests say about answered requests (`DayDigest.answered`, merged over the days). */
export interface AnsweredRequests {
  readonly byPool: Readonly<Record<string, CountCost>>;
  readonly byModel: Readonly<Record<string, CountCost>>;
}

interface Tally {
  judged: number;
  accepted: number;
  retried: number;
}

/**
 * The Quality section for the period starting at `fromMs` (null: all time): a request counts when it started in the
 * period, whenever it was judged, so a verdict given today about last month's request stays with last month.
 */
export function qualityReport(answered: AnsweredRequests, judged: ReadonlyMap<string, JudgedRequest>, fromMs: number | null): QualityReport {
  const pools = new Map<string, Tally>();
  const models = new Map<string, Tally>();
  let unknownRequests = 0;
  for (const j of judged.values()) {
    if (!j.req) {
      unknownRequests++;
      continue;
    }
    if (fromMs !== null && Date.parse(j.req.time) < fromMs) continue;
    for (const [map, key] of [
      [pools, j.req.pool],
      [models, j.req.model],
    ] as const) {
      let t = map.get(key);
      if (!t) map.set(key, (t = { judged: 0, accepted: 0, retried: 0 }));
      if (j.verdict) t.judged++;
      if (j.verdict === 'accepted') t.accepted++;
      if (j.retried) t.retried++;
    }
  }
  const row = (key: string, counts: CountCost | undefined, t: Tally | undefined): QualityRow => ({
    key,
    requests: counts?.n ?? 0,
    costMicros: counts?.cost ?? 0,
    judged: t?.judged ?? 0,
    accepted: t?.accepted ?? 0,
    retried: t?.retried ?? 0,
  });
  const byPool = POOLS.filter((p) => answered.byPool[p] || pools.has(p)).map((p) => row(p, answered.byPool[p], pools.get(p)));
  const modelKeys = new Set([...Object.keys(answered.byModel), ...models.keys()]);
  const byModel = [...modelKeys]
    .map((m) => row(m, answered.byModel[m], models.get(m)))
    .sort((a, b) => b.requests - a.requests || b.judged - a.judged || a.key.localeCompare(b.key));
  return { byPool, byModel, unknownRequests };
}
