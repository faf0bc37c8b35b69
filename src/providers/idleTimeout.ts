// Ends a response body that goes quiet. The SDKs' timeouts stop at the response headers, so a stream
// that stalls after its first bytes would otherwise hang until the user cancels.

import { CallTimeoutError } from './normaliseError';

/**
 * Wraps `base` so a successful response body that delivers no bytes for `idleMs` errors with
 * CallTimeoutError (normalised to `timeout`) and is cancelled, which closes the socket. Any bytes reset
 * the timer, so Anthropic's `ping` events keep a slow answer alive.
 */
export function withIdleTimeout(base: typeof globalThis.fetch, idleMs: number): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || !response.body) return response;
    return new Response(idleGuarded(response.body, idleMs), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

function idleGuarded(body: ReadableStream<Uint8Array>, idleMs: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const quiet = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CallTimeoutError(`No data for ${idleMs} ms after the answer started.`)), idleMs);
      });
      try {
        const { done, value } = await Promise.race([reader.read(), quiet]);
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        if (error instanceof CallTimeoutError) reader.cancel(error).catch(() => undefined);
        controller.error(error);
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
