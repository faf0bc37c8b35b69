// Remembers which models and providers asked us to wait, and until when, so no call lands inside a known window.

import type { Clock, RateLimitSnapshot } from '../ports';
import type { ModelRef } from '../request';
import { formatModelRef } from '../request';
import { serviceOf } from '../lm/vscodeLmModel';

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
  /**
   * `window`: a 429, an overload or an announced reset; `probe`: a window just ended and one call is finding out
   * whether it really did; `in-flight`: the calls already sent use up the requests the provider last said remain.
   */
  readonly reason: 'window' | 'probe' | 'in-flight';
}

/** The skip detail a user reads for a block. */
export function describeBlock(block: RateLimitBlock, now: number): string {
  if (block.reason === 'probe') return `${block.scope === 'provider' ? 'provider' : 'rate limit'} window just ended, one call is checking it`;
  const seconds = Math.ceil((block.until - now) / 1000);
  if (block.reason === 'in-flight') return `calls in flight use up the requests it announced, retry in ${seconds} s`;
  return `${block.scope === 'provider' ? 'provider busy' : 'rate-limited'}, retry in ${seconds} s`;
}

/** One call's claim on a model: say when its response started (with any rate-limit headers), and when it is over. */
export interface CallTicket {
  /** The response has started; `snapshot` is what its headers announced, if anything. */
  answered(snapshot?: RateLimitSnapshot): void;
  /** The call is over, however it ended. */
  end(): void;
}

/** The requests a model's last response said remain, counted down by every call started since. */
interface Allowance {
  /** Requests left as of `startedAt` calls. */
  readonly left: number;
  readonly startedAt: number;
  /** The call number whose response announced it, so an older response cannot raise a newer count. */
  readonly fromCall: number;
  /** When the announced window resets; after it the count means nothing. */
  readonly resetAt: number;
}

/**
 * Rate-limit memory keyed by model (`provider:model`) and by provider, on an injected clock.
 * Lives as long as the router, so one request's 429 spares the next request a wasted call.
 */
export class RateLimitMemory {
  private readonly models = new Map<string, number>();
  private readonly providers = new Map<string, number>();
  /** Calls started per model, ever: numbers each call so announcements can be ordered and counted against. */
  private readonly started = new Map<string, number>();
  private readonly allowances = new Map<string, Allowance>();
  /** Per scope key: the end of the last block a probe has since settled; a later end needs a new probe. */
  private readonly probed = new Map<string, number>();
  /** Scope keys with a probe call on its way. */
  private readonly probing = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly waits: RateLimitDefaults = DEFAULT_RATE_LIMIT_WAITS,
  ) {}

  /** The active block for `ref`, or undefined when it may be called now. */
  blocked(ref: ModelRef): RateLimitBlock | undefined {
    const now = this.clock.now();
    const key = formatModelRef(ref);
    const model = this.modelBlockEnd(key);
    const provider = this.providers.get(serviceOf(ref)) ?? 0;
    if (model > now || provider > now) {
      const reason = (this.models.get(key) ?? 0) >= model ? 'window' : 'in-flight';
      return model >= provider ? { until: model, scope: 'model', reason } : { until: provider, scope: 'provider', reason: 'window' };
    }
    // A window has just ended: one call finds out whether it really has before the rest follow.
    if (this.probing.has(`model:${key}`) && this.needsProbe(`model:${key}`, model)) return { until: now, scope: 'model', reason: 'probe' };
    if (this.probing.has(`provider:${serviceOf(ref)}`) && this.needsProbe(`provider:${serviceOf(ref)}`, provider)) return { until: now, scope: 'provider', reason: 'probe' };
    return undefined;
  }

  /**
   * Claims a call to `ref`: counts it against the requests its provider last announced, and makes it the probe when a
   * window has just ended. Call right before sending, after `blocked` said no.
   */
  start(ref: ModelRef): CallTicket {
    const key = formatModelRef(ref);
    const call = (this.started.get(key) ?? 0) + 1;
    const scopes = [
      { scope: `model:${key}`, end: this.modelBlockEnd(key) },
      { scope: `provider:${serviceOf(ref)}`, end: this.providers.get(serviceOf(ref)) ?? 0 },
    ].filter(({ scope, end }) => this.needsProbe(scope, end) && !this.probing.has(scope));
    this.started.set(key, call);
    for (const { scope } of scopes) this.probing.add(scope);
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      for (const { scope, end } of scopes) {
        this.probing.delete(scope);
        this.probed.set(scope, Math.max(this.probed.get(scope) ?? 0, end));
      }
    };
    return {
      answered: (snapshot) => {
        if (snapshot) this.noteAnnounced(ref, snapshot, call);
        settle();
      },
      end: settle,
    };
  }

  /** A 429 for this model. */
  noteRateLimited(ref: ModelRef, retryAfterMs: number | undefined): void {
    this.extend(this.models, formatModelRef(ref), retryAfterMs ?? this.waits.rateLimitMs);
  }

  /** An overload: the provider as a whole is struggling. */
  noteOverloaded(ref: ModelRef, retryAfterMs: number | undefined): void {
    this.extend(this.providers, serviceOf(ref), retryAfterMs ?? this.waits.overloadedMs);
  }

  /** A cloud provider could not be reached: its other models would fail the same way for a while. */
  noteUnreachable(ref: ModelRef, retryAfterMs: number | undefined): void {
    this.extend(this.providers, serviceOf(ref), retryAfterMs ?? this.waits.unreachableMs);
  }

  /** A success; when its headers say nothing is left, block the model until the window resets. */
  noteSuccess(ref: ModelRef, snapshot: RateLimitSnapshot | undefined): void {
    if (!snapshot) return;
    const exhausted = snapshot.requestsRemaining === 0 || snapshot.tokensRemaining === 0;
    if (!exhausted) return;
    this.extend(this.models, formatModelRef(ref), snapshot.resetInMs ?? this.waits.exhaustedMs);
  }

  /**
   * What call number `call` to `ref` heard when its response started. Calls started after it may not be in the
   * provider's count yet, so they are taken off what it says remains: a burst never sends more than it announced.
   */
  private noteAnnounced(ref: ModelRef, snapshot: RateLimitSnapshot, call: number): void {
    this.noteSuccess(ref, snapshot);
    if (snapshot.requestsRemaining === undefined) return;
    const key = formatModelRef(ref);
    const now = this.clock.now();
    const started = this.started.get(key) ?? call;
    const wait = Math.min(snapshot.resetInMs ?? this.waits.exhaustedMs, this.waits.maxMs);
    const fresh: Allowance = { left: snapshot.requestsRemaining - (started - call), startedAt: started, fromCall: call, resetAt: now + wait };
    const current = this.allowances.get(key);
    if (current && current.resetAt > now && call < current.fromCall) {
      // An answer to an older call cannot raise a newer count; it can only lower it.
      if (fresh.left < this.left(key, current)) this.allowances.set(key, { ...current, left: fresh.left, startedAt: started });
      return;
    }
    this.allowances.set(key, fresh);
  }

  /** Forgets every block (e.g. after the user changed keys or endpoints). */
  clear(): void {
    this.models.clear();
    this.providers.clear();
    this.allowances.clear();
    this.probed.clear();
    this.probing.clear();
  }

  /** When the model's block ends: its window, or the reset of an announced allowance its calls have used up. */
  private modelBlockEnd(key: string): number {
    const window = this.models.get(key) ?? 0;
    const allowance = this.allowances.get(key);
    const usedUp = allowance && this.left(key, allowance) <= 0 ? allowance.resetAt : 0;
    return Math.max(window, usedUp);
  }

  private left(key: string, allowance: Allowance): number {
    return allowance.left - ((this.started.get(key) ?? 0) - allowance.startedAt);
  }

  private needsProbe(scope: string, blockEnd: number): boolean {
    return blockEnd > 0 && blockEnd <= this.clock.now() && blockEnd > (this.probed.get(scope) ?? 0);
  }

  private extend(map: Map<string, number>, key: string, waitMs: number): void {
    const wait = Number.isFinite(waitMs) && waitMs > 0 ? Math.min(waitMs, this.waits.maxMs) : 0;
    if (wait === 0) return;
    const until = this.clock.now() + wait;
    if (until > (map.get(key) ?? 0)) map.set(key, until);
  }
}
