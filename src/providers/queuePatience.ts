// Sees an OpenAI-compatible server keep a request queued. Under load DeepSeek holds a streaming request open and sends
// only SSE comments (`: keep-alive`) until inference starts, for up to 10 minutes (api-docs.deepseek.com/quick_start/rate_limit).
// This file only spots the comments; the call's AttemptWatch owns the deadline, as it owns every other one.

import { isEventStream, withBody } from './responseBody';

/** How long DeepSeek's stream may carry nothing but keep-alive comments before the request counts as queued. */
export const DEFAULT_QUEUE_PATIENCE_MS = 20_000;

/** What the watch ends a queued call with; normalised to `overloaded` (the server said it is busy, the only way it does). */
export class QueuedTooLongError extends Error {
  override readonly name = 'QueuedTooLongError';
}

/** True once `text` (the stream so far, from the last complete line on) holds a line that is not a comment or blank. */
function answerStarted(text: string): boolean {
  return text.split('\n').some((line) => {
    const trimmed = line.replace(/\r$/, '');
    return trimmed !== '' && !trimmed.startsWith(':');
  });
}

/**
 * Wraps `base` so that, on an event-stream body, each chunk holding only comment lines (`:` …) before the answer's first
 * other line calls `onKeepAlive`. The body passes through untouched; after the first `data:` line nothing more is looked at.
 */
export function withKeepAliveWatch(base: typeof globalThis.fetch, onKeepAlive: () => void): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || !response.body || !isEventStream(response)) return response;
    return withBody(response, watchedBody(response.body, onKeepAlive));
  };
}

function watchedBody(body: ReadableStream<Uint8Array>, onKeepAlive: () => void): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let started = false;
  let seen = '';
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (!started) {
          seen = (seen + decoder.decode(chunk, { stream: true })).slice(-4096);
          if (answerStarted(seen)) started = true;
          else {
            if (seen.trim() !== '') onKeepAlive(); // only comments so far
            seen = seen.slice(seen.lastIndexOf('\n') + 1); // keep the unfinished last line
          }
        }
        controller.enqueue(chunk);
      },
    }),
  );
}
