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
 * The longest stream line accepted, in characters. A delta line holds a few tokens; even a gateway that sends a whole
 * answer as one delta stays far below this (Triage's answer cap, ANSWER_CAP_CHARS in core/cascade/runAttempt.ts, is
 * 1,000,000 characters; JSON escaping adds a little). A longer line is a broken or hostile server: parsing it would
 * block the extension host (JSON.parse of 20 MB is ~100 ms) for text that is cut off anyway.
 */
export const MAX_LINE_CHARS = 2 * 1024 * 1024;

/**
 * Characters handed on between two macrotask yields. A fast server's buffered body is read in one unbroken chain of
 * microtasks (the SDK's parse, the adapter, the router), which blocks the extension host like a synchronous loop: 20 MB
 * of small deltas held it for 0.3–0.8 s. 32k characters of deltas take a few ms through the SDKs.
 */
const YIELD_EVERY_CHARS = 32 * 1024;

const nextMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Wraps a body so that each complete line goes through `onLine` and the end through `onEnd`;
 * either may throw to error the stream. Cancelling the wrapper cancels the source. Only whole lines go out, so the
 * SDK's own decoder never holds a partial line. Linear: each chunk is split once, a line's pieces joined once
 * (re-splitting a growing buffer made a 20 MB line quadratic).
 */
export function lineChecked(
  body: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
  onEnd: () => void,
  maxLineChars = MAX_LINE_CHARS,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  /** Pieces of the line not yet ended by a newline, and their total length. */
  let pending: string[] = [];
  let pendingChars = 0;
  let pendingError: unknown;
  let sinceYield = 0;
  const fail = async (error: unknown): Promise<never> => {
    await reader.cancel(error).catch(() => undefined);
    throw error;
  };
  const tooLong = () => new StreamProtocolError(`A stream line passed ${maxLineChars} characters; the answer was cut off there.`);
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
  /** The complete lines in `text` (the pending piece joined onto the first); the unended rest stays pending. */
  const split = (text: string): string[] => {
    const parts = text.split('\n');
    const rest = parts.pop() ?? '';
    if (parts.length > 0) {
      if (pending.length > 0) {
        parts[0] = pending.join('') + (parts[0] as string);
        pending = [];
        pendingChars = 0;
      }
    }
    if (rest !== '') {
      pending.push(rest);
      pendingChars += rest.length;
    }
    if (pendingChars > maxLineChars || parts.some((part) => part.length > maxLineChars)) pendingError = tooLong();
    return pendingError === undefined ? parts : [];
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pendingError !== undefined) return fail(pendingError);
      if (sinceYield >= YIELD_EVERY_CHARS) {
        sinceYield = 0;
        await nextMacrotask();
      }
      // Loop until something is enqueued: a pull that enqueues nothing is not called again.
      for (;;) {
        const { done, value } = await reader.read();
        let lines: string[];
        if (done) {
          const rest = pending.join('') + decoder.decode();
          pending = [];
          if (rest.length > maxLineChars) return fail(tooLong());
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
        const text = decoder.decode(value, { stream: true });
        sinceYield += text.length;
        lines = accept(split(text));
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

/**
 * Holds a body to MAX_LINE_CHARS and hands it on in whole lines, for an SDK (Anthropic's) whose own line decoder
 * re-scans its whole buffer on every chunk: a huge line would be quadratic there.
 */
export function lineLimited(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return lineChecked(body, () => undefined, () => undefined);
}
