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

/** One request's signals folded so far; judged once it has an edit or fix verdict or a retry. */
interface FoldEntry {
  readonly id: string;
  verdict?: Verdict;
  verdictAt: number;
  retried: boolean;
  /**
   * The request, flattened into the entry (a month of requests as one small object each, not three): its start time
   * in ms, its pool, model and experiment tag as shared copies. `model` is undefined until a signal carries the request.
   */
  reqAt: number;
  pool?: SignalRequest['pool'];
  model?: string;
  experiment?: SignalRequest['experiment'];
}

const FOLD_SHARDS = 64;

/** FNV-1a of the id, to one of `FOLD_SHARDS` maps. */
function shardOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % FOLD_SHARDS;
}

/**
 * Folds signals, in any order, into one entry per request id that was judged or retried; `demo` picks which signals
 * count (demo requests' signals stay with the demo figures). Pool picks and copies alone judge nothing and give no entry.
 * One signal at a time and no sorting (the latest verdict wins by its time), so a caller can spread a long month of
 * signals over several steps.
 */
export class JudgedRequestsFolder {
  /**
   * Each request seen, by id, spread over many small maps: one map of a heavy month's 100k requests doubles its table
   * all at once (a 30 ms step at 65k entries), a map of a 64th of them never takes more than a millisecond.
   */
  private readonly shards: Map<string, FoldEntry>[] = Array.from({ length: FOLD_SHARDS }, () => new Map());
  /** The judged or retried requests, in the order they were first judged or retried. */
  private readonly order: FoldEntry[] = [];
  /** One copy of each model name and experiment: a month of requests names a handful, each parsed anew per line. */
  private readonly names = new Map<string, string>();
  private readonly tags = new Map<string, NonNullable<SignalRequest['experiment']>>();

  constructor(private readonly demo: boolean) {}

  add(s: QualitySignal): void {
    if ((s.demo === true) !== this.demo) return;
    const verdict = judgementOf(s.signal);
    const retry = isRetry(s.signal);
    const shard = this.shards[shardOf(s.id)] as Map<string, FoldEntry>;
    let at = shard.get(s.id);
    if (!at) {
      if (!s.req && !verdict && !retry) return;
      shard.set(s.id, (at = { id: s.id, verdictAt: -Infinity, retried: false, reqAt: Number.NaN }));
    }
    // The request as its first signal that carries it has it.
    const reqAt = s.req && at.model === undefined ? Date.parse(s.req.time) : Number.NaN;
    if (s.req && Number.isFinite(reqAt)) {
      at.reqAt = reqAt;
      at.pool = s.req.pool;
      at.model = this.name(s.req.model);
      if (s.req.experiment) at.experiment = this.tag(s.req.experiment);
    }
    if (!verdict && !retry) return;
    if (at.verdict === undefined && !at.retried) this.order.push(at); // judged for the first time
    if (retry) at.retried = true;
    if (verdict) {
      const time = Date.parse(s.time);
      // Accepted then undone is rejected: the later verdict wins (the later line, on a tie).
      if (time >= at.verdictAt) {
        at.verdict = verdict;
        at.verdictAt = time;
      }
    }
  }

  /** The one copy kept of a model name. */
  private name(x: string): string {
    const known = this.names.get(x);
    if (known !== undefined) return known;
    this.names.set(x, x);
    return x;
  }

  /** The one copy kept of an experiment tag. */
  private tag(t: NonNullable<SignalRequest['experiment']>): NonNullable<SignalRequest['experiment']> {
    const key = `${t.arm}\u0000${t.id}`;
    let known = this.tags.get(key);
    if (!known) this.tags.set(key, (known = { id: t.id, arm: t.arm }));
    return known;
  }

  /** Each judged or retried request, built as it is asked for (a caller can take them a few thousand at a time). */
  *requests(): Generator<[string, JudgedRequest]> {
    for (const e of this.order) {
      const req: SignalRequest | undefined =
        e.model === undefined || e.pool === undefined
          ? undefined
          : { time: new Date(e.reqAt).toISOString(), pool: e.pool, model: e.model, ...(e.experiment ? { experiment: e.experiment } : {}) };
      yield [e.id, { ...(e.verdict ? { verdict: e.verdict } : {}), retried: e.retried, ...(req ? { req } : {}) }];
    }
  }

  result(): Map<string, JudgedRequest> {
    return new Map(this.requests());
  }
}

/** `JudgedRequestsFolder` over all of `signals` at once. */
export function judgedRequests(signals: readonly QualitySignal[], demo: boolean): Map<string, JudgedRequest> {
  const folder = new JudgedRequestsFolder(demo);
  for (const s of signals) folder.add(s);
  return folder.result();
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

/** Verdicts and retries counted for one group of requests. */
export interface Tally {
  judged: number;
  accepted: number;
  retried: number;
}

function emptyTally(): Tally {
  return { judged: 0, accepted: 0, retried: 0 };
}

function count(t: Tally, j: JudgedRequest): void {
  if (j.verdict) t.judged++;
  if (j.verdict === 'accepted') t.accepted++;
  if (j.retried) t.retried++;
}

/** Each experiment's verdicts and retries by arm, from the requests' tags. */
export type ExperimentTallies = ReadonlyMap<string, { readonly control: Tally; readonly alternative: Tally }>;

/**
 * Counts judged requests one at a time (a caller can spread many over several steps) by serving pool and model for the
 * period from `fromMs` (null: all time), and by experiment arm whatever the period (an experiment is shown over its
 * whole run). A request counts in the period it started in, whenever it was judged, so a verdict given today about last
 * month's request stays with last month.
 */
export class QualityTallies {
  readonly pools = new Map<string, Tally>();
  readonly models = new Map<string, Tally>();
  readonly experiments = new Map<string, { control: Tally; alternative: Tally }>();
  /** Judged or retried requests whose signals do not say which request they were: counted nowhere. */
  unknownRequests = 0;

  constructor(private readonly fromMs: number | null) {}

  add(j: JudgedRequest): void {
    if (!j.req) {
      this.unknownRequests++;
      return;
    }
    const tag = j.req.experiment;
    if (tag) {
      let arms = this.experiments.get(tag.id);
      if (!arms) this.experiments.set(tag.id, (arms = { control: emptyTally(), alternative: emptyTally() }));
      count(arms[tag.arm], j);
    }
    if (this.fromMs !== null && Date.parse(j.req.time) < this.fromMs) return;
    for (const [map, key] of [
      [this.pools, j.req.pool],
      [this.models, j.req.model],
    ] as const) {
      let t = map.get(key);
      if (!t) map.set(key, (t = emptyTally()));
      count(t, j);
    }
  }
}

/** Tallies of `judged` (all at once; see `QualityTallies`). */
export function tallyJudged(judged: Iterable<JudgedRequest>, fromMs: number | null = null): QualityTallies {
  const tallies = new QualityTallies(fromMs);
  for (const j of judged) tallies.add(j);
  return tallies;
}

/** The Quality section: the period's answered requests (from the day digests) beside the tallies of their signals. */
export function qualityReport(answered: AnsweredRequests, tallies: QualityTallies): QualityReport {
  const row = (key: string, counts: CountCost | undefined, t: Tally | undefined): QualityRow => ({
    key,
    requests: counts?.n ?? 0,
    costMicros: counts?.cost ?? 0,
    judged: t?.judged ?? 0,
    accepted: t?.accepted ?? 0,
    retried: t?.retried ?? 0,
  });
  const byPool = POOLS.filter((p) => answered.byPool[p] || tallies.pools.has(p)).map((p) => row(p, answered.byPool[p], tallies.pools.get(p)));
  const modelKeys = new Set([...Object.keys(answered.byModel), ...tallies.models.keys()]);
  const byModel = [...modelKeys]
    .map((m) => row(m, answered.byModel[m], tallies.models.get(m)))
    .sort((a, b) => b.requests - a.requests || b.judged - a.judged || a.key.localeCompare(b.key));
  return { byPool, byModel, unknownRequests: tallies.unknownRequests };
}
