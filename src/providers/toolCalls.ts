// What every adapter does with tool calls alike: parse the arguments, refuse a call that cannot be given to a tool.

import { parseToolCallArguments } from '../core/lm/toolCallArguments';
import type { ToolCallPart } from '../core/request';
import { providerError, type ErrorContext } from './normaliseError';

/**
 * The finished call, or a `malformed` ProviderError when its arguments are not a JSON object: the cascade then moves on
 * to the next model, and nothing of this answer reaches the caller. The message names the tool, never the arguments.
 */
export function finishedToolCall(
  ctx: ErrorContext,
  callId: string,
  name: string,
  raw: string | Readonly<Record<string, unknown>> | undefined,
): ToolCallPart {
  if (name === '') throw providerError(ctx, 'malformed', { detail: 'The model made a tool call with no tool name.' });
  const parsed = parseToolCallArguments(raw, name);
  if (!parsed.ok) throw providerError(ctx, 'malformed', { detail: `The model's ${parsed.reason}.` });
  return { type: 'tool-call', callId, name, input: parsed.input };
}

/** An image's bytes as base64, the form all three APIs take inline. */
export function base64Of(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}
