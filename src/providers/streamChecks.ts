// Body wrappers that hold a stream to its protocol where the SDK is lenient (ollama-js, openai).

/** A stream that broke its protocol: bad JSON, or an end with no completion marker. */
export class StreamProtocolError extends Error {
  override readonly name = 'StreamProtocolError';
}

/** The server reported an error inside a 200 stream (Ollama's `{"error": …}` line). */
export class InStreamError extends Error {
  override readonly name = 'InStreamError';
}

const encoder = new TextEncoder();

/**
 * Wraps a body so that each complete line goes through `onLine` and the end through `onEnd`;
 * either may throw to error the stream. Cancelling the wrapper cancels the source.
 */
function lineChecked(
  body: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
  onEnd: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let pendingError: unknown;
  const fail = async (error: unknown): Promise<never> => {
    await reader.cancel(error).catch(() => undefined);
    throw error;
  };
  /** Passes lines through `onLine`; lines before a failing one still go out, the failure on the next pull. */
  const accept = (lines: readonly string[]): string[] => {
    const good: string[] = [];
    for (const line of lines) {
      try {
        onLine(line);
      } catch (error) {
        pendingError = error;
        break;
      }
      good.push(line);
    }
    return good;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pendingError !== undefined) return fail(pendingError);
      // Loop until something is enqueued: a pull that enqueues nothing is not called again.
      for (;;) {
        const { done, value } = await reader.read();
        let lines: string[];
        if (done) {
          const rest = buffer + decoder.decode();
          lines = accept(rest.length > 0 ? [rest] : []);
          if (pendingError === undefined) {
            try {
              onEnd();
            } catch (error) {
              pendingError = error;
            }
          }
          if (lines.length > 0) controller.enqueue(encoder.encode(lines[0] as string));
          if (pendingError === undefined) controller.close();
          else if (lines.length === 0) return fail(pendingError);
          return;
        }
        buffer += decoder.decode(value, { stream: true });
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        lines = accept(parts);
        if (lines.length > 0) {
          controller.enqueue(encoder.encode(lines.map((line) => `${line}\n`).join('')));
          return;
        }
        if (pendingError !== undefined) return fail(pendingError);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * Checks an Ollama NDJSON body: every line is JSON, an `{"error"}` line becomes InStreamError, and the
 * body must contain a `done: true` line. ollama-js alone skips bad lines with a console warning.
 */
export function checkedNdjson(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  let sawDone = false;
  return lineChecked(
    body,
    (line) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new StreamProtocolError('A stream line was not valid JSON.', { cause: error });
      }
      if (typeof value !== 'object' || value === null) throw new StreamProtocolError('A stream line was not an object.');
      if ('error' in value) throw new InStreamError('The server reported an error mid-stream.');
      if ((value as { done?: unknown }).done === true) sawDone = true;
    },
    () => {
      if (!sawDone) throw new StreamProtocolError('The stream ended without a done line.');
    },
  );
}

/**
 * Checks a server-sent-events body for its end sentinel (`data: [DONE]` for OpenAI). The openai SDK
 * ends quietly when it is missing, which would hide a cut-off answer.
 */
export function checkedSseSentinel(body: ReadableStream<Uint8Array>, sentinel: string): ReadableStream<Uint8Array> {
  let sawSentinel = false;
  return lineChecked(
    body,
    (line) => {
      const match = /^data:\s?(.*?)\r?$/.exec(line);
      if (match && match[1] === sentinel) sawSentinel = true;
    },
    () => {
      if (!sawSentinel) throw new StreamProtocolError(`The stream ended without ${sentinel}.`);
    },
  );
}
