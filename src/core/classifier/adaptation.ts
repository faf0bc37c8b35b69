// Learns from the user's overrides: a bounded, decaying per-user bias over pools on top of the shipped weights.

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
}

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
  /** Logit step per override (global); the request's bucket gets the same again. */
  readonly step: number;
  /** An event's weight halves every this many ms. */
  readonly halfLifeMs: number;
}

/** Defaults: 200 events, offsets within ±1.5 logits, half-life 30 days. */
export const DEFAULT_ADAPTATION: AdaptationOptions = { maxEvents: 200, maxOffset: 1.5, step: 0.3, halfLifeMs: 30 * 24 * 3600 * 1000 };

/** The bucket a request falls in: kind plus selection size. */
export function adaptationBucket(request: TriageRequest): string {
  const lines = request.selection ? request.selection.split('\n').filter((l) => l.trim().length > 0).length : 0;
  const size = lines === 0 ? 'none' : lines <= 15 ? 'short' : 'long';
  return `${request.kind}:${size}`;
}

function isEvent(value: unknown): value is AdaptationEvent {
  const e = value as Partial<AdaptationEvent> | null;
  return (
    typeof e === 'object' && e !== null && Number.isFinite(e.t) && typeof e.b === 'string' && e.b.length <= 40 &&
    Number.isInteger(e.p) && Number.isInteger(e.c) && (e.p as number) >= 0 && (e.p as number) < POOLS.length &&
    (e.c as number) >= 0 && (e.c as number) < POOLS.length
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

  /** Records that the user wanted `chosen` where the classifier said `predicted`. Same pool: ignored. */
  record(request: TriageRequest, predicted: PoolName, chosen: PoolName): void {
    if (predicted === chosen) return;
    this.events.push({ t: this.clock.now(), b: adaptationBucket(request), p: poolRank(predicted), c: poolRank(chosen) });
    if (this.events.length > this.options.maxEvents) this.events.splice(0, this.events.length - this.options.maxEvents);
    this.persist();
  }

  /** Logit offsets for a request, POOLS order, each within ±maxOffset. */
  offsets(request: TriageRequest): Float64Array {
    const out = new Float64Array(POOLS.length);
    const now = this.clock.now();
    const bucket = adaptationBucket(request);
    for (const e of this.events) {
      const age = Math.max(0, now - e.t);
      const w = this.options.step * Math.pow(0.5, age / this.options.halfLifeMs) * (e.b === bucket ? 2 : 1);
      out[e.c] = (out[e.c] as number) + w;
      out[e.p] = (out[e.p] as number) - w;
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
