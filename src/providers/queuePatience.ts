// Gives up on a request that an OpenAI-compatible server keeps queued. Under load DeepSeek holds a streaming
// request open and sends only SSE comments (`: keep-alive`) until inference starts, for up to 10 minutes
// (api-docs.deepseek.com/quick_start/rate_limit). With other models to try, moving on beats waiting.

import { realTimer, type ScheduleTimer } from './idleTimeout';
import { isEventStream, withBody } from './responseBody';

/** How long DeepSeek's stream may carry nothing but keep-alive comments before the request counts as queued. */
export const DEFAULT_QUEUE_PATIENCE_MS = 20_000;

/** The body's error when only keep-alive comments came for too long; normalised to `overloaded`. */
export class QueuedTooLongError extends Error {
  override readonly name = 'QueuedTooLongError';
}

/**
 * Wraps `base` so an event-stream body that, from its first comment line (`:` ...) on, sends only comments and blank
 * lines for `patienceMs` errors with QueuedTooLongError and is cancelled (closing the socket). Plain silence is not
 * timed (a reasoning model may think without a byte). The first other line (the answer's first `data:` event)
 * ends the watch; nothing reaches the caller before it, so moving on is safe.
 */
export function withQueuePatience(base: typeof globalThis.fetch, patienceMs: number, schedule: ScheduleTimer = realTimer): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || !response.body || !isEventStream(response)) return response;
    return withBody(response, patientBody(response.body, patienceMs, schedule));
  };
}

/** True once `text` (the stream so far, from the last complete line on) holds a line that is not a comment or blank. */
function answerStarted(text: string): boolean {
  return text.split('\n').some((line) => {
    const trimmed = line.replace(/\r$/, '');
    return trimmed !== '' && !trimmed.startsWith(':');
  });
}

function patientBody(body: ReadableStream<Uint8Array>, patienceMs: number, schedule: ScheduleTimer): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let started = false;
  let seen = '';
  let deadline: Promise<never> | undefined;
  let cancelTimer = (): void => undefined;
  // The clock starts at the first keep-alive comment: that is the server saying "queued".
  const arm = (): void => {
    if (deadline) return;
    deadline = new Promise<never>((_, reject) => {
      cancelTimer = schedule(() => reject(new QueuedTooLongError(`Only keep-alive comments for ${patienceMs} ms: the request is queued.`)), patienceMs);
    });
    deadline.catch(() => undefined); // raced only while queued; never an unhandled rejection
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const read = reader.read();
        const { done, value } = !started && deadline ? await Promise.race([read, deadline]) : await read;
        if (done) {
          cancelTimer();
          controller.close();
          return;
        }
        if (!started) {
          seen = (seen + decoder.decode(value, { stream: true })).slice(-4096);
          if (answerStarted(seen)) {
            started = true;
            cancelTimer();
          } else {
            if (seen.trim() !== '') arm(); // only comments so far
            seen = seen.slice(seen.lastIndexOf('\n') + 1); // keep the unfinished last line
          }
        }
        controller.enqueue(value);
      } catch (error) {
        cancelTimer();
        if (error instanceof QueuedTooLongError) reader.cancel(error).catch(() => undefined);
        controller.error(error);
      }
    },
    cancel(reason) {
      cancelTimer();
      return reader.cancel(reason);
    },
  });
}
