// Shared half of error normalisation: the status table, transport failures, cancel, and messages.

import type { Clock } from '../core/ports';
import { ProviderError, isProviderError, type ProviderErrorKind } from '../core/providerError';
import { QueuedTooLongError } from './queuePatience';
import { retryAfterFromHeaders, type HeaderReader } from './rateLimitHeaders';
import { InStreamError, StreamProtocolError } from './streamChecks';

/** What every adapter knows when something fails. */
export interface ErrorContext {
  readonly providerId: string;
  /** The caller's signal: when aborted, every failure is a cancel. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
}

/** What a call's own timer aborts its fetch with (Ollama, whose client has no timeout). */
export class CallTimeoutError extends Error {
  override readonly name = 'CallTimeoutError';
}

/**
 * The kind an HTTP status means on its own. 402 (billing) counts as `auth`: the account cannot be
 * used until a person acts, so retrying the same provider is pointless and falling back is right.
 */
export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 429) return 'rate-limit';
  if (status === 401 || status === 402 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 413) return 'context-too-long';
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 500) return 'unavailable';
  if (status === 409) return 'unavailable';
  return 'bad-request';
}

const DESCRIPTIONS: Readonly<Record<ProviderErrorKind, string>> = {
  'rate-limit': 'rate limited',
  overloaded: 'overloaded',
  timeout: 'timed out',
  auth: 'rejected the credentials or account',
  'bad-request': 'rejected the request',
  'context-too-long': 'the prompt is too long for the model',
  'not-found': 'unknown model or endpoint',
  unavailable: 'unavailable',
  cancelled: 'cancelled',
  malformed: 'sent a malformed stream',
};

/**
 * Builds a ProviderError with a message naming the provider and never any response text (an API's
 * own message can echo part of a key). `retryAfterMs` comes from the headers when they hold a hint.
 */
export function providerError(
  ctx: ErrorContext,
  kind: ProviderErrorKind,
  details: { readonly status?: number; readonly headers?: HeaderReader; readonly cause?: unknown; readonly detail?: string } = {},
): ProviderError {
  const status = details.status === undefined ? '' : ` (HTTP ${details.status})`;
  const detail = details.detail === undefined ? '' : ` ${details.detail}`;
  const retryAfterMs = retryAfterFromHeaders(details.headers, ctx.clock.now());
  return new ProviderError(kind, `${ctx.providerId}: ${DESCRIPTIONS[kind]}${status}.${detail}`, {
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(details.status === undefined ? {} : { status: details.status }),
    cause: details.cause,
  });
}

/** The cancel error, for a caller whose signal is aborted. */
export function cancelledError(ctx: ErrorContext, cause?: unknown): ProviderError {
  return providerError(ctx, 'cancelled', { cause });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** True for undici's `TypeError: fetch failed` / `terminated` and socket errors (by class and code). */
function isTransportFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (current instanceof TypeError && 'cause' in current && current.cause !== undefined) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The failures every adapter treats alike: already normalised, the caller's cancel, our own timer,
 * protocol breaks, in-stream errors and dropped connections. Undefined for SDK-specific errors.
 */
export function normaliseCommon(ctx: ErrorContext, error: unknown): ProviderError | undefined {
  if (isProviderError(error)) return error;
  if (ctx.signal.aborted) return cancelledError(ctx, error);
  // Our own timer's words (never provider text), so they may go into the message.
  if (error instanceof CallTimeoutError) return providerError(ctx, 'timeout', { cause: error, detail: error.message });
  // The server said it is busy the only way it does (queueing us behind keep-alives): try another model.
  if (error instanceof QueuedTooLongError) return providerError(ctx, 'overloaded', { cause: error, detail: error.message });
  if (error instanceof StreamProtocolError || error instanceof SyntaxError) {
    return providerError(ctx, 'malformed', { cause: error });
  }
  if (error instanceof InStreamError) return providerError(ctx, 'unavailable', { cause: error });
  if (isTransportFailure(error)) return providerError(ctx, 'unavailable', { cause: error });
  return undefined;
}

/** Last resort for an error no rule recognised: unavailable, so the cascade may fall back. */
export function unknownError(ctx: ErrorContext, error: unknown): ProviderError {
  return providerError(ctx, 'unavailable', { cause: error });
}
