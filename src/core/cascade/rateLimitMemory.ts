// Remembers which models and providers asked us to wait, and until when, so no call lands inside a known window.

import type { Clock, RateLimitSnapshot } from '../ports';
import type { ModelRef } from '../request';
import { formatModelRef } from '../request';

/** Waits used when a provider says "slow down" without saying for how long. */
export interface RateLimitDefaults {
  /** After a 429 without retry-after. */
  readonly rateLimitMs: number;
  /** After an overload (529/503) without retry-after; applies to the whole provider. */
  readonly overloadedMs: number;
  /** After a cloud provider was unreachable (refused, reset, 5xx); applies to the whole provider. */
  readonly unreachableMs: number;
  /** After a success that left nothing remaining but gave no reset time. */
  readonly exhaustedMs: number;
  /** Upper bound on any single wait, so a bad header cannot park a model for days. */
  readonly maxMs: number;
}

/** Defaults chosen to be short: a wrong guess costs one skipped model, not a blocked afternoon. */
export const DEFAULT_RATE_LIMIT_WAITS: RateLimitDefaults = {
  rateLimitMs: 20_000,
  overloadedMs: 15_000,
  unreachableMs: 10_000,
  exhaustedMs: 10_000,
  maxMs: 60 * 60_000,
};

/** When a model can next be called, and why it is waiting. */
export interface RateLimitBlock {
  readonly until: number;
  readonly scope: 'model' | 'provider';
}

/**
 * Rate-limit memory keyed by model (`provider:model`) and by provider, on an injected clock.
 * Lives as long as the router, so one request's 429 spares the next request a wasted call.
 */
export class RateLimitMemory {
  private readonly models = new Map<string, number>();
  private readonly providers = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly waits: RateLimitDefaults = DEFAULT_RATE_LIMIT_WAITS,
  ) {}

  /** The active block for `ref`, or undefined when it may be called now. */
  blocked(ref: ModelRef): RateLimitBlock | undefined {
    const now = this.clock.now();
    const model = this.models.get(formatModelRef(ref)) ?? 0;
    const provider = this.providers.get(ref.provider) ?? 0;
    if (model <= now && provider <= now) return undefined;
    return model >= provider ? { until: model, scope: 'model' } : { until: provider, scope: 'provider' };
  }

  /** A 429 for this model. */
  noteRateLimited(ref: ModelRef, retryAfterMs: number | undefined): void {
    this.extend(this.models, formatModelRef(ref), retryAfterMs ?? this.waits.rateLimitMs);
  }

  /** An overload: the provider as a whole is struggling. */
  noteOverloaded(ref: ModelRef, retryAfterMs: number | undefined): void {
    this.extend(this.providers, ref.provider, retryAfterMs ?? this.waits.overloadedMs);
  }

  /** A cloud provider could not be reached: its other models would fail the same way for a while. */
  noteUnreachable(ref: ModelRef, retryAfterMs: number | undefined): void {
    this.extend(this.providers, ref.provider, retryAfterMs ?? this.waits.unreachableMs);
  }

  /** A success; when its headers say nothing is left, block the model until the window resets. */
  noteSuccess(ref: ModelRef, snapshot: RateLimitSnapshot | undefined): void {
    if (!snapshot) return;
    const exhausted = snapshot.requestsRemaining === 0 || snapshot.tokensRemaining === 0;
    if (!exhausted) return;
    this.extend(this.models, formatModelRef(ref), snapshot.resetInMs ?? this.waits.exhaustedMs);
  }

  /** Forgets every block (e.g. after the user changed keys or endpoints). */
  clear(): void {
    this.models.clear();
    this.providers.clear();
  }

  private extend(map: Map<string, number>, key: string, waitMs: number): void {
    const wait = Number.isFinite(waitMs) && waitMs > 0 ? Math.min(waitMs, this.waits.maxMs) : 0;
    if (wait === 0) return;
    const until = this.clock.now() + wait;
    if (until > (map.get(key) ?? 0)) map.set(key, until);
  }
}
