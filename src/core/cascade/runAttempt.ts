// Runs one provider call: collects the text, streams deltas to the user when asked, and normalises every failure.

import type { ChatCall, ChatEvent, ChatProvider, Clock, RateLimitSnapshot } from '../ports';
import { ProviderError, isProviderError } from '../providerError';
import type { ToolCallPart } from '../request';

/** The `done` event of a successful stream. */
export type DoneEvent = Extract<ChatEvent, { type: 'done' }>;

/** What one call produced. `emitted` is true once any text reached the user; tool calls are held until the answer is accepted. */
export type AttemptRun =
  | {
      readonly ok: true;
      readonly text: string;
      readonly toolCalls: readonly ToolCallPart[];
      readonly done: DoneEvent;
      readonly firstTokenAt?: number;
      readonly emitted: boolean;
    }
  | { readonly ok: false; readonly error: ProviderError; readonly text: string; readonly firstTokenAt?: number; readonly emitted: boolean };

/**
 * Streams one call. With `onDelta`, text goes to the user as it arrives; without it, the answer is held back.
 * `onRateLimit` hears the response's rate-limit headers once, as soon as the adapter has them (at the latest with `done`).
 */
export async function runAttempt(
  provider: ChatProvider,
  call: ChatCall,
  clock: Clock,
  onDelta?: (text: string) => void,
  onRateLimit?: (snapshot: RateLimitSnapshot) => void,
): Promise<AttemptRun> {
  let text = '';
  let firstTokenAt: number | undefined;
  let emitted = false;
  let heardRateLimit = false;
  const toolCalls: ToolCallPart[] = [];
  const partial = () => ({ text, emitted, ...(firstTokenAt === undefined ? {} : { firstTokenAt }) });
  try {
    for await (const event of provider.streamChat(call)) {
      if (event.type === 'rate-limit') {
        if (!heardRateLimit) onRateLimit?.(event.snapshot);
        heardRateLimit = true;
        continue;
      }
      if (event.type === 'done') {
        if (call.signal.aborted) break;
        if (!heardRateLimit && event.rateLimit) onRateLimit?.(event.rateLimit);
        return { ok: true, done: event, toolCalls, ...partial() };
      }
      if (event.type === 'tool-call') {
        firstTokenAt ??= clock.now();
        toolCalls.push({ type: 'tool-call', callId: event.callId, name: event.name, input: event.input });
        continue;
      }
      if (event.text === '') continue;
      firstTokenAt ??= clock.now();
      text += event.text;
      if (onDelta) {
        emitted = true;
        onDelta(event.text);
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
