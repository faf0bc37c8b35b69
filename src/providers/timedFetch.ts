// A per-call fetch for clients without timeouts or signals (ollama-js): timer, cancel, body checks.

import { CallTimeoutError } from './normaliseError';
import { withBody } from './responseBody';

/** A fetch bound to one call, and what it saw. */
export interface TimedFetch {
  readonly fetch: typeof globalThis.fetch;
  /** Headers of the last response, for retry hints on errors the client throws without them. */
  lastHeaders(): Headers | undefined;
}

/** How a TimedFetch behaves. */
export interface TimedFetchOptions {
  /** The call's signal (the caller's cancel, plus the adapter's own cleanup). */
  readonly signal: AbortSignal;
  /** Time allowed until response headers (a started body's silences are bounded by createProvider's idle guard). */
  readonly timeoutMs: number;
  /** Wraps a successful body, e.g. to hold it to its protocol. */
  readonly wrapBody?: (body: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;
}

/**
 * Wraps `base` so every request is aborted by the call's signal or, before headers arrive, by a
 * timer that aborts with CallTimeoutError. Aborting closes the socket.
 */
export function timedFetch(base: typeof globalThis.fetch, options: TimedFetchOptions): TimedFetch {
  let headers: Headers | undefined;
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const timer = new AbortController();
    const handle = setTimeout(
      () => timer.abort(new CallTimeoutError(`No response within ${options.timeoutMs} ms.`)),
      options.timeoutMs,
    );
    const signals = [options.signal, timer.signal];
    if (init?.signal) signals.push(init.signal);
    try {
      const response = await base(input, { ...init, signal: AbortSignal.any(signals) });
      headers = response.headers;
      if (!options.wrapBody || !response.ok || !response.body) return response;
      return withBody(response, options.wrapBody(response.body));
    } finally {
      clearTimeout(handle);
    }
  };
  return { fetch: wrapped, lastHeaders: () => headers };
}
