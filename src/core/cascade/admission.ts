// Whether a cloud model may be called now (rate-limit windows, failure cooldowns, open circuits), and the claim a call makes.

import type { ProviderError } from '../providerError';
import type { ModelRef } from '../request';
import type { SkipOutcome } from './attemptRecord';
import type { CascadeDeps } from './cascadeTypes';
import { describeFailure } from './failureMemory';
import type { FailureTicket } from './failureMemory';

/** Why a model is passed over without a call. */
export interface Refusal {
  readonly outcome: SkipOutcome;
  readonly detail: string;
}

/**
 * The first memory that says no, or undefined. Local providers are never refused: the final fallback, and every request
 * kept local for privacy, must always get its try (a busy Ollama included).
 */
export function refusal(deps: Pick<CascadeDeps, 'rateLimits' | 'failures' | 'clock'>, ref: ModelRef, isLocal: boolean): Refusal | undefined {
  if (isLocal) return undefined;
  const now = deps.clock.now();
  const block = deps.rateLimits.blocked(ref);
  if (block) {
    const seconds = Math.ceil((block.until - now) / 1000);
    return { outcome: 'skipped-rate-limit', detail: `${block.scope === 'provider' ? 'provider busy' : 'rate-limited'}, retry in ${seconds} s` };
  }
  const failing = deps.failures.blocked(ref);
  if (failing) return { outcome: 'skipped-failing', detail: describeFailure(failing, now) };
  return undefined;
}

/** One sent call's claim on the memories; end it exactly once with how the call ended. */
export interface CallClaim {
  end(run: { readonly ok: true } | { readonly ok: false; readonly error: ProviderError; readonly emitted: boolean }): void;
}

const LOCAL_CLAIM: CallClaim = { end: () => undefined };

/** Claims a call right before it is sent (after `refusal` said no), so only one request probes a half-open circuit. */
export function claimCall(deps: Pick<CascadeDeps, 'failures'>, ref: ModelRef, isLocal: boolean): CallClaim {
  if (isLocal) return LOCAL_CLAIM;
  const ticket: FailureTicket = deps.failures.start(ref);
  return {
    end: (run) => ticket.end(run.ok ? { ok: true } : { ok: false, kind: run.error.kind, afterOutput: run.emitted }),
  };
}
