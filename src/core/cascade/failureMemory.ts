// Remembers models that timed out or broke off mid-answer, and providers failing again and again (a circuit), on an injected clock.

import type { Clock } from '../ports';
import type { ProviderErrorKind } from '../providerError';
import type { ModelRef } from '../request';
import { formatModelRef } from '../request';
import { serviceOf } from '../lm/vscodeLmModel';

/** How long failing models and providers are passed over. */
export interface FailureWaits {
  /** A model that timed out before its first token (a hang costs a user up to the first-content deadline, 180 s, each time). */
  readonly timeoutMs: number;
  /** A model whose answer broke off after its first visible token. */
  readonly brokeOffMs: number;
  /** Each further failure of the same model, with no success between, doubles its wait up to this. */
  readonly maxModelMs: number;
  /** Failures in a row, over all of a provider's models, that open its circuit. */
  readonly circuitAfter: number;
  /** How long an opened circuit stays open; each failed probe doubles it up to `maxCircuitMs`. */
  readonly circuitMs: number;
  readonly maxCircuitMs: number;
}

/**
 * A wrong skip costs one answer from the next model; a wrong call into a hanging model costs the user the first-content
 * deadline (180 s cloud) again. So the waits are long: a timeout's 10 min outlasts a round through a pool of three hanging
 * models (3 × 180 s), so the next request skips all three. A broken answer costs a failed request, hence 5 min. Three
 * failures in a row are rarely bad luck; two minutes of open circuit are cheap next to three more deadlines.
 */
export const DEFAULT_FAILURE_WAITS: FailureWaits = {
  timeoutMs: 10 * 60_000,
  brokeOffMs: 5 * 60_000,
  maxModelMs: 60 * 60_000,
  circuitAfter: 3,
  circuitMs: 2 * 60_000,
  maxCircuitMs: 30 * 60_000,
};

/** Why a model is passed over. `circuit-probe`: the circuit's wait is over and one request is finding out. */
export interface FailureBlock {
  readonly until: number;
  readonly scope: 'model' | 'provider';
  readonly reason: 'timeout' | 'broke-off' | 'circuit-open' | 'circuit-probe';
  /** Failures in a row behind the block. */
  readonly failures: number;
}

/** The skip detail a user reads for a failure block. */
export function describeFailure(block: FailureBlock, now: number): string {
  const seconds = Math.max(1, Math.ceil((block.until - now) / 1000));
  switch (block.reason) {
    case 'timeout':
      return `timed out ${times(block.failures)}, skipped for ${seconds} s more`;
    case 'broke-off':
      return `answer broke off ${times(block.failures)}, skipped for ${seconds} s more`;
    case 'circuit-open':
      return `provider failed ${block.failures} times in a row (circuit open), retry in ${seconds} s`;
    case 'circuit-probe':
      return `provider failed ${block.failures} times in a row; another request is checking whether it is back`;
  }
}

const times = (n: number): string => (n === 1 ? 'last time' : `${n} times in a row`);

/** Error kinds that say the provider itself is failing (not the request, the key or a rate limit). */
const PROVIDER_FAILURES: ReadonlySet<ProviderErrorKind> = new Set(['timeout', 'unavailable', 'overloaded', 'malformed']);

/** How one call ended, as the failure memory judges it. */
export type CallEnd = { readonly ok: true } | { readonly ok: false; readonly kind: ProviderErrorKind; readonly afterOutput: boolean };

/** One call's claim: say how it ended, once. */
export interface FailureTicket {
  /** True when this call is the one request let through a circuit whose wait is over. */
  readonly probe: boolean;
  end(how: CallEnd): void;
}

interface ModelState {
  readonly until: number;
  readonly reason: 'timeout' | 'broke-off';
  readonly streak: number;
}

interface ProviderState {
  /** Counted failures in a row, over all its models. */
  streak: number;
  /** 0: closed. Else the end of the open wait; past it the circuit is half-open (one probe). */
  openUntil: number;
  /** Times the circuit opened without a success since: doubles the wait. */
  opens: number;
  probing: boolean;
}

/**
 * Lives as long as the router. The cascade asks `blocked` before a call, claims it with `start` right before sending
 * (so only one request probes a half-open circuit) and ends the ticket with the outcome. Local providers are never
 * given to it: the final fallback must always get its try.
 */
export class FailureMemory {
  private readonly models = new Map<string, ModelState>();
  private readonly providers = new Map<string, ProviderState>();

  constructor(
    private readonly clock: Clock,
    private readonly waits: FailureWaits = DEFAULT_FAILURE_WAITS,
  ) {}

  /** Why `ref` should be passed over now, or undefined. */
  blocked(ref: ModelRef): FailureBlock | undefined {
    const now = this.clock.now();
    const p = this.providers.get(serviceOf(ref));
    if (p && p.openUntil > now) return { until: p.openUntil, scope: 'provider', reason: 'circuit-open', failures: p.streak };
    if (p && p.openUntil > 0 && p.probing) return { until: now, scope: 'provider', reason: 'circuit-probe', failures: p.streak };
    const m = this.models.get(formatModelRef(ref));
    if (m && m.until > now) return { until: m.until, scope: 'model', reason: m.reason, failures: m.streak };
    return undefined;
  }

  /** Claims a call to `ref`, right before it is sent (after `blocked` said no); it probes a half-open circuit. */
  start(ref: ModelRef): FailureTicket {
    const p = this.providers.get(serviceOf(ref));
    const probe = p !== undefined && p.openUntil > 0 && p.openUntil <= this.clock.now() && !p.probing;
    if (probe) p.probing = true;
    let ended = false;
    return {
      probe,
      end: (how) => {
        if (ended) return;
        ended = true;
        this.settle(ref, how, probe);
      },
    };
  }

  /** Forgets everything (the user changed keys or endpoints). */
  clear(): void {
    this.models.clear();
    this.providers.clear();
  }

  private settle(ref: ModelRef, how: CallEnd, probe: boolean): void {
    const p = this.provider(serviceOf(ref));
    if (probe) p.probing = false;
    const key = formatModelRef(ref);
    if (how.ok) {
      this.models.delete(key);
      this.providers.delete(serviceOf(ref));
      return;
    }
    // A cancel says nothing about the provider: a cancelled probe leaves the circuit half-open for the next request.
    if (how.kind === 'cancelled') return;
    this.noteModel(key, how);
    if (!PROVIDER_FAILURES.has(how.kind)) {
      // It answered (a 429, a 400, a 404): it is up, whatever the request's own trouble.
      if (!how.afterOutput) this.providers.delete(serviceOf(ref));
      return;
    }
    p.streak++;
    if (probe || p.streak >= this.waits.circuitAfter) {
      const wait = Math.min(this.waits.circuitMs * 2 ** p.opens, this.waits.maxCircuitMs);
      p.openUntil = this.clock.now() + wait;
      p.opens++;
    }
  }

  private noteModel(key: string, how: Extract<CallEnd, { ok: false }>): void {
    // A prompt too long for the model (found only at the end of a streamed answer) says nothing about the model's health.
    const reason = how.afterOutput && how.kind !== 'context-too-long' ? 'broke-off' : how.kind === 'timeout' ? 'timeout' : undefined;
    if (!reason) return;
    const streak = (this.models.get(key)?.streak ?? 0) + 1;
    const base = reason === 'timeout' ? this.waits.timeoutMs : this.waits.brokeOffMs;
    const wait = Math.min(base * 2 ** (streak - 1), this.waits.maxModelMs);
    this.models.set(key, { until: this.clock.now() + wait, reason, streak });
  }

  private provider(id: string): ProviderState {
    let p = this.providers.get(id);
    if (!p) {
      p = { streak: 0, openUntil: 0, opens: 0, probing: false };
      this.providers.set(id, p);
    }
    return p;
  }
}
