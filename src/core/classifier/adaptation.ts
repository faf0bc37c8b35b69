// Learns from what the user does: a bounded, decaying per-user bias over pools on top of the shipped weights.
// - A pick in the pool picker is a stated preference: it moves its bucket (kind and size), and half as much its kind.
// - A verdict on an answer moves only its bucket: a rejection ("ask a stronger model", a rejected or undone edit)
//   pushes up from the pool that answered; a kept answer (accepted edit, applied fix, copied code) holds back those
//   pushes at a quarter of the weight, so a bucket moves up only while more than a fifth of a pool's judged answers
//   there are rejected, and kept answers never move it below the shipped model's choice.
// - Verdicts and "ask a stronger model" only ever raise a decision: the classifier decides with the picks alone and
//   with everything, and keeps the higher pool (`pickOffsets`), since pushing one pool's logit down can otherwise hand
//   a request to a cheaper pool than the shipped model chose. Only a pick, a stated preference, can lower one.
// No event moves another kind of request: what a user wants for chat says nothing about their edits.

import type { Clock } from '../ports';
import { POOLS, poolRank, type PoolName, type TriageRequest } from '../request';

/** Where adaptation state persists (the host implements it with globalState). */
export interface AdaptationStore {
  /** The last saved state, or undefined; may be anything (it is validated). */
  load(): unknown;
  save(state: AdaptationState): void;
}

/** One override, features only: never prompt text. */
export interface AdaptationEvent {
  /** Epoch ms. */
  readonly t: number;
  /** Structural bucket of the request, e.g. `edit:short`. */
  readonly b: string;
  /** Pool the classifier chose (rank). */
  readonly p: number;
  /** Pool the user wanted (rank). */
  readonly c: number;
  /** What the user did: picked a pool (`pick`), rejected (`reject`) or kept (`keep`) an answer; absent: asked a stronger model. */
  readonly k?: AdaptationSource;
}

/** The user's action an event comes from (`stronger`: "ask a stronger model", stored without `k`). */
export type AdaptationSource = 'stronger' | 'pick' | 'reject' | 'keep';

/** Weight of a kept answer against a rejected one (see the file comment). */
const KEEP_WEIGHT = 0.25;

/** What is persisted. */
export interface AdaptationState {
  readonly version: 1;
  readonly events: readonly AdaptationEvent[];
}

/** Bounds and rates of the adaptation. */
export interface AdaptationOptions {
  /** Oldest events are dropped beyond this many. */
  readonly maxEvents: number;
  /** Largest absolute logit offset per pool. */
  readonly maxOffset: number;
  /** Logit step per rejection; a pick moves its bucket twice this and its kind once. */
  readonly step: number;
  /** An event's weight halves every this many ms. */
  readonly halfLifeMs: number;
}

/** Defaults: 400 events (kept answers are frequent; ~20 KB in globalState), offsets within ±1.5 logits, half-life 30 days. */
export const DEFAULT_ADAPTATION: AdaptationOptions = { maxEvents: 400, maxOffset: 1.5, step: 0.3, halfLifeMs: 30 * 24 * 3600 * 1000 };

/** The bucket a request falls in: kind plus selection size. */
export function adaptationBucket(request: TriageRequest): string {
  const lines = request.selection ? request.selection.split('\n').filter((l) => l.trim().length > 0).length : 0;
  const size = lines === 0 ? 'none' : lines <= 15 ? 'short' : 'long';
  return `${request.kind}:${size}`;
}

function kindOf(bucket: string): string {
  return bucket.slice(0, bucket.indexOf(':'));
}

function isEvent(value: unknown): value is AdaptationEvent {
  const e = value as Partial<AdaptationEvent> | null;
  return (
    typeof e === 'object' && e !== null && Number.isFinite(e.t) && typeof e.b === 'string' && e.b.length <= 40 &&
    Number.isInteger(e.p) && Number.isInteger(e.c) && (e.p as number) >= 0 && (e.p as number) < POOLS.length &&
    (e.c as number) >= 0 && (e.c as number) < POOLS.length && (e.k === undefined || e.k === 'pick' || e.k === 'reject' || e.k === 'keep')
  );
}

/** Parses persisted state; undefined when it is missing or corrupt in any way. */
export function parseAdaptationState(value: unknown): AdaptationState | undefined {
  const s = value as Partial<AdaptationState> | null;
  if (typeof s !== 'object' || s === null || s.version !== 1 || !Array.isArray(s.events)) return undefined;
  if (!s.events.every(isEvent)) return undefined;
  return { version: 1, events: s.events };
}

/**
 * Per-user adaptation. `offsets()` gives logit offsets (POOLS order) that move decisions toward
 * what this user chose when overriding; bounded by `maxOffset`, decaying with age, resettable.
 */
export class UserAdaptation {
  private events: AdaptationEvent[];

  /** Loads and validates the stored state; a corrupt state is replaced by an empty one. */
  constructor(
    private readonly store: AdaptationStore,
    private readonly clock: Clock,
    private readonly options: AdaptationOptions = DEFAULT_ADAPTATION,
  ) {
    let loaded: AdaptationState | undefined;
    try {
      loaded = parseAdaptationState(store.load());
    } catch {
      loaded = undefined;
    }
    this.events = loaded ? [...loaded.events].slice(-options.maxEvents) : [];
    if (!loaded) this.persist();
  }

  /** Records that the user wanted `chosen` where the classifier said `predicted` (`source`: how they said so). Same pool: ignored. */
  record(request: TriageRequest, predicted: PoolName, chosen: PoolName, source: Exclude<AdaptationSource, 'reject'> = 'stronger'): void {
    if (predicted === chosen) return;
    this.push({ t: this.clock.now(), b: adaptationBucket(request), p: poolRank(predicted), c: poolRank(chosen), ...(source === 'pick' ? { k: 'pick' as const } : {}) });
  }

  /**
   * Records that the user rejected (or soon undid) the answer the `answered` pool gave: requests of this kind should go
   * one pool higher. Only this kind moves, by one pool, within the same bounds: a user who rejects everything cannot push
   * other kinds, nor this one past the next pool. The top pool has nowhere higher: ignored.
   */
  recordRejection(request: TriageRequest, answered: PoolName): void {
    const p = poolRank(answered);
    if (p >= POOLS.length - 1) return;
    this.push({ t: this.clock.now(), b: adaptationBucket(request), p, c: p + 1, k: 'reject' });
  }

  /**
   * Records that the user kept the answer the `answered` pool gave (accepted, applied, copied or inserted it): it holds
   * back, at a quarter of the weight, the rejections of that pool's answers in the same bucket.
   */
  recordAcceptance(request: TriageRequest, answered: PoolName): void {
    const c = poolRank(answered);
    this.push({ t: this.clock.now(), b: adaptationBucket(request), p: c, c, k: 'keep' });
  }

  private push(event: AdaptationEvent): void {
    this.events.push(event);
    if (this.events.length > this.options.maxEvents) this.events.splice(0, this.events.length - this.options.maxEvents);
    this.persist();
  }

  /** Logit offsets for a request, POOLS order, each within ±maxOffset: every event of its bucket and kind. */
  offsets(request: TriageRequest): Float64Array {
    return this.compute(request, true);
  }

  /**
   * The offsets of the user's picks alone (stated preferences, which may lower a decision): a decision with `offsets`
   * is never below the one with these (EmbeddedOptions.pickOffsets).
   */
  pickOffsets(request: TriageRequest): Float64Array {
    return this.compute(request, false);
  }

  private compute(request: TriageRequest, verdicts: boolean): Float64Array {
    const out = new Float64Array(POOLS.length);
    const now = this.clock.now();
    const bucket = adaptationBucket(request);
    const kind = kindOf(bucket);
    // Verdicts on answers of this bucket: how hard rejections push up from each pool, and how much kept answers from
    // that pool hold it back. Kept answers only cancel rejections: they never move routing below the shipped model's.
    const pressure = new Float64Array(POOLS.length);
    const kept = new Float64Array(POOLS.length);
    const moves: { p: number; c: number; w: number }[] = [];
    for (const e of this.events) {
      const w = this.options.step * Math.pow(0.5, Math.max(0, now - e.t) / this.options.halfLifeMs);
      if (e.k === 'pick') {
        // A pick is a stated preference: its bucket, and half as much its kind.
        const scope = e.b === bucket ? 2 : kindOf(e.b) === kind ? 1 : 0;
        out[e.c] = (out[e.c] as number) + w * scope;
        out[e.p] = (out[e.p] as number) - w * scope;
        continue;
      }
      if (!verdicts || e.b !== bucket) continue;
      if (e.k === 'keep') {
        kept[e.c] = (kept[e.c] as number) + w * KEEP_WEIGHT;
        continue;
      }
      pressure[e.p] = (pressure[e.p] as number) + w;
      moves.push({ p: e.p, c: e.c, w });
    }
    for (const m of moves) {
      const total = pressure[m.p] as number;
      const share = Math.max(0, total - (kept[m.p] as number)) / total;
      out[m.c] = (out[m.c] as number) + m.w * share;
      out[m.p] = (out[m.p] as number) - m.w * share;
    }
    for (let i = 0; i < out.length; i++) out[i] = Math.max(-this.options.maxOffset, Math.min(this.options.maxOffset, out[i] as number));
    return out;
  }

  /** Number of stored events. */
  get size(): number {
    return this.events.length;
  }

  /** Forgets everything learnt. */
  reset(): void {
    this.events = [];
    this.persist();
  }

  private persist(): void {
    this.store.save({ version: 1, events: [...this.events] });
  }
}
