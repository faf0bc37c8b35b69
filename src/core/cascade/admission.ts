// Whether a cloud model may be called now (rate-limit windows, calls in flight, failure cooldowns, circuits), and a call's claim.

import type { ProviderError } from '../providerError';
import type { ModelRef } from '../request';
import type { SkipOutcome } from './attemptRecord';
import type { CascadeDeps } from './cascadeTypes';
import { describeFailure } from './failureMemory';
import type { FailureTicket } from './failureMemory';
import { describeBlock } from './rateLimitMemory';
import type { CallListener } from './runAttempt';

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
  if (block) return { outcome: 'skipped-rate-limit', detail: describeBlock(block, now) };
  const failing = deps.failures.blocked(ref);
  if (failing) return { outcome: 'skipped-failing', detail: describeFailure(failing, now) };
  return undefined;
}

/** One sent call's claim on the memories: `watch` goes to runAttempt; end it exactly once with how the call ended. */
export interface CallClaim {
  readonly watch: CallListener;
  end(run: { readonly ok: true } | { readonly ok: false; readonly error: ProviderError; readonly emitted: boolean }): void;
}

/**
 * Claims a call right before it is sent (after `refusal` said no): it counts against the requests the provider last
 * announced, and it is the one probe of a window or circuit that has just ended.
 */
export function claimCall(deps: Pick<CascadeDeps, 'failures' | 'rateLimits'>, ref: ModelRef, isLocal: boolean): CallClaim {
  // Rate-limit headers are learned when the response starts: a slow answer announcing "0 left" must stop the next request now.
  if (isLocal) return { watch: { rateLimit: (snapshot) => deps.rateLimits.noteSuccess(ref, snapshot) }, end: () => undefined };
  const call = deps.rateLimits.start(ref);
  const ticket: FailureTicket = deps.failures.start(ref);
  return {
    watch: { started: () => call.answered(), rateLimit: (snapshot) => call.answered(snapshot) },
    end: (run) => {
      call.end();
      ticket.end(run.ok ? { ok: true } : { ok: false, kind: run.error.kind, afterOutput: run.emitted });
    },
  };
}
