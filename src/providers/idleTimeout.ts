// Ends a response body that goes quiet. The SDKs' timeouts stop at the response headers, so a stream
// that stalls after its first bytes would otherwise hang until the user cancels.

import { CallTimeoutError } from './normaliseError';
import { withBody } from './responseBody';

/** Starts a timer and returns what cancels it (injectable so tests control time). */
export type ScheduleTimer = (fire: () => void, ms: number) => () => void;

/** setTimeout behind the ScheduleTimer shape. */
export const realTimer: ScheduleTimer = (fire, ms) => {
  const handle = setTimeout(fire, ms);
  return () => clearTimeout(handle);
};

/**
 * Wraps `base` so a successful response body that, once it has started, delivers no bytes for `idleMs`
 * errors with CallTimeoutError (normalised to `timeout`) and is cancelled, which closes the socket. Any
 * bytes reset the timer, so Anthropic's `ping` events keep a slow answer alive. The wait for the first
 * bytes is not timed: a reasoning model may think for minutes before it sends anything.
 */
export function withIdleTimeout(base: typeof globalThis.fetch, idleMs: number, schedule: ScheduleTimer = realTimer): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || !response.body) return response;
    return withBody(response, idleGuarded(response.body, idleMs, schedule));
  };
}

function idleGuarded(body: ReadableStream<Uint8Array>, idleMs: number, schedule: ScheduleTimer): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let cancelTimer = (): void => undefined;
      const quiet = new Promise<never>((_, reject) => {
        if (started) cancelTimer = schedule(() => reject(new CallTimeoutError(`No data for ${idleMs} ms after the answer started.`)), idleMs);
      });
      try {
        const { done, value } = await Promise.race([reader.read(), quiet]);
        started = true;
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        if (error instanceof CallTimeoutError) reader.cancel(error).catch(() => undefined);
        controller.error(error);
      } finally {
        cancelTimer();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
