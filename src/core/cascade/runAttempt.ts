// Runs one provider call: collects the text, streams deltas to the user when asked, and normalises every failure.

import type { ChatCall, ChatEvent, ChatProvider, Clock, RateLimitSnapshot } from '../ports';
import { ProviderError, isProviderError } from '../providerError';
import type { ToolCallPart } from '../request';

/** The `done` event of a successful stream. */
export type DoneEvent = Extract<ChatEvent, { type: 'done' }>;

/**
 * The longest answer kept, in characters; past it the stream is stopped and the call fails. ~250k tokens: above the
 * largest output any listed model allows (128k tokens ≈ 500k characters of code) and 100× the default
 * `triage.maxOutputTokens`, so only a server that ignores the output limit (or a hostile one) reaches it; the chat
 * view re-renders the whole answer as it grows, so an unbounded one would freeze it.
 */
export const ANSWER_CAP_CHARS = 1_000_000;

/** What one call produced. `emitted` is true once any text reached the user; tool calls are held until the answer is accepted; `capped` when the answer hit ANSWER_CAP_CHARS. */
export type AttemptRun =
  | {
      readonly ok: true;
      readonly text: string;
      readonly toolCalls: readonly ToolCallPart[];
      readonly done: DoneEvent;
      readonly firstTokenAt?: number;
      readonly emitted: boolean;
    }
  | { readonly ok: false; readonly error: ProviderError; readonly text: string; readonly firstTokenAt?: number; readonly emitted: boolean; readonly capped?: true };

/** What the caller hears about a call besides its text. */
export interface CallListener {
  /** The response has started (its first event arrived): the provider took the call. */
  started?(): void;
  /** The response's rate-limit headers, once: as soon as the adapter has them, at the latest with `done`. */
  rateLimit?(snapshot: RateLimitSnapshot): void;
}

/** Streams one call. With `onDelta`, text goes to the user as it arrives; without it, the answer is held back. */
export async function runAttempt(
  provider: ChatProvider,
  call: ChatCall,
  clock: Clock,
  onDelta?: (text: string) => void,
  watch: CallListener = {},
): Promise<AttemptRun> {
  let text = '';
  let firstTokenAt: number | undefined;
  let emitted = false;
  let heardRateLimit = false;
  const toolCalls: ToolCallPart[] = [];
  let started = false;
  const partial = () => ({ text, emitted, ...(firstTokenAt === undefined ? {} : { firstTokenAt }) });
  try {
    for await (const event of provider.streamChat(call)) {
      if (event.type === 'rate-limit' || (event.type === 'done' && event.rateLimit && !heardRateLimit)) {
        if (!heardRateLimit) watch.rateLimit?.(event.type === 'rate-limit' ? event.snapshot : (event.rateLimit as RateLimitSnapshot));
        heardRateLimit = true;
      }
      if (!started) watch.started?.();
      started = true;
      if (event.type === 'rate-limit') continue;
      if (event.type === 'done') {
        if (call.signal.aborted) break;
        return { ok: true, done: event, toolCalls, ...partial() };
      }
      if (event.type === 'tool-call') {
        firstTokenAt ??= clock.now();
        toolCalls.push({ type: 'tool-call', callId: event.callId, name: event.name, input: event.input });
        continue;
      }
      if (event.text === '') continue;
      firstTokenAt ??= clock.now();
      // Past the cap the rest is never held or shown; leaving the loop cancels the stream (the adapter's finally).
      const room = ANSWER_CAP_CHARS - text.length;
      const piece = event.text.length > room ? event.text.slice(0, room) : event.text;
      text += piece;
      if (onDelta && piece !== '') {
        emitted = true;
        onDelta(piece);
      }
      if (piece !== event.text) {
        const error = new ProviderError('malformed', `The answer passed ${ANSWER_CAP_CHARS.toLocaleString('en-US')} characters, the most Triage keeps of one answer, so it was cut off there.`);
        return { ok: false, error, capped: true, ...partial() };
      }
    }
    const error = call.signal.aborted
      ? new ProviderError('cancelled', 'Cancelled.')
      : new ProviderError('malformed', 'The stream ended without a final event.');
    return { ok: false, error, ...partial() };
  } catch (cause) {
    return { ok: false, error: normalise(cause, call.signal), ...partial() };
  }
}

function normalise(cause: unknown, signal: AbortSignal): ProviderError {
  if (signal.aborted) return new ProviderError('cancelled', 'Cancelled.', { cause });
  if (isProviderError(cause)) return cause;
  return new ProviderError('unavailable', 'The provider failed in an unexpected way.', { cause });
}
