// Adapter for the Anthropic Messages API through `@anthropic-ai/sdk`: event stream, usage, errors.

import { Anthropic, APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import type {
  MessageCreateParamsStreaming,
  MessageDeltaUsage,
  Usage,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { ChatCall, ChatEvent, ChatProvider, FinishReason, TokenUsage } from '../core/ports';
import type { ProviderError, ProviderErrorKind } from '../core/providerError';
import { LazyClient, loadApiKey, watchCall, type AdapterOptions } from './adapterOptions';
import {
  cancelledError,
  kindForStatus,
  normaliseCommon,
  providerError,
  unknownError,
  type ErrorContext,
} from './normaliseError';
import { readRateLimit } from './rateLimitHeaders';
import { isEventStream, withBody } from './responseBody';
import { lineLimited, StreamProtocolError } from './streamChecks';

/** `error.type` values, which also arrive without a status inside a 200 stream. */
const KIND_BY_TYPE: Readonly<Record<string, ProviderErrorKind>> = {
  invalid_request_error: 'bad-request',
  authentication_error: 'auth',
  billing_error: 'auth',
  permission_error: 'auth',
  not_found_error: 'not-found',
  request_too_large: 'context-too-long',
  rate_limit_error: 'rate-limit',
  api_error: 'unavailable',
  timeout_error: 'timeout',
  overloaded_error: 'overloaded',
};

/**
 * `error.details.error_code` values that mark a 400 as a prompt over the context window. The API
 * of 2026-10-21 sends none for this (only message text, which we never read), so a real "prompt is
 * too long" is `bad-request`; this set is where a structured code goes once one exists.
 */
const CONTEXT_CODES = new Set(['prompt_too_long']);

/** Maps what the Anthropic SDK threw to a ProviderError, by class, status and structured fields. */
function normaliseAnthropicError(ctx: ErrorContext, error: unknown): ProviderError {
  const common = normaliseCommon(ctx, error);
  if (common) return common;
  if (error instanceof APIConnectionTimeoutError) return providerError(ctx, 'timeout', { cause: error });
  if (error instanceof APIConnectionError) return providerError(ctx, 'unavailable', { cause: error });
  if (error instanceof APIError) {
    const byType = error.type ? KIND_BY_TYPE[error.type] : undefined;
    if (error.status === undefined) return providerError(ctx, byType ?? 'unavailable', { cause: error });
    let kind = kindForStatus(error.status);
    if ((error.type as string | null) === 'request_too_large' || (error.errorCode !== null && CONTEXT_CODES.has(error.errorCode))) {
      kind = 'context-too-long';
    }
    return providerError(ctx, kind, { status: error.status, headers: error.headers, cause: error });
  }
  return unknownError(ctx, error);
}

function toFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'refusal';
    default:
      return 'other';
  }
}

/** Running usage: message_start sets it, each message_delta overwrites the totals it carries. */
class UsageTotals {
  private input = 0;
  private cacheRead = 0;
  private cacheWrite = 0;
  private output = 0;

  apply(usage: Partial<Usage> | MessageDeltaUsage): void {
    if (typeof usage.input_tokens === 'number') this.input = usage.input_tokens;
    if (typeof usage.cache_read_input_tokens === 'number') this.cacheRead = usage.cache_read_input_tokens;
    if (typeof usage.cache_creation_input_tokens === 'number') this.cacheWrite = usage.cache_creation_input_tokens;
    if (typeof usage.output_tokens === 'number') this.output = usage.output_tokens;
  }

  /** `input_tokens` excludes cache reads and writes; writes bill at least the input price, so they count as input. */
  toTokenUsage(): TokenUsage {
    return {
      inputTokens: this.input + this.cacheWrite,
      cachedInputTokens: this.cacheRead,
      outputTokens: this.output,
      ...(this.cacheWrite > 0 ? { cacheWriteInputTokens: this.cacheWrite } : {}),
    };
  }
}

/** The request; temperature is never sent (API 2026-10-21 rejects it). */
function toRequest(call: ChatCall): MessageCreateParamsStreaming {
  return {
    model: call.model,
    max_tokens: call.maxOutputTokens,
    messages: call.messages.map((message) => ({ role: message.role, content: message.content })),
    stream: true,
    ...(call.system ? { system: call.system } : {}),
    // Automatic caching: the API puts the breakpoint on the last cacheable block (prompts under the model's minimum are not cached).
    ...(call.cachePrompt ? { cache_control: { type: 'ephemeral' } } : {}),
    ...(call.jsonSchema ? { output_config: { format: { type: 'json_schema', schema: { ...call.jsonSchema } } } } : {}),
  };
}

/** Wraps fetch so an event-stream body reaches the SDK in whole lines of at most MAX_LINE_CHARS. */
function withLineLimit(base: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || !response.body || !isEventStream(response)) return response;
    return withBody(response, lineLimited(response.body));
  };
}

/** A ChatProvider over the official Anthropic client. */
export class AnthropicProvider implements ChatProvider {
  readonly id: string;
  readonly isLocal = false;
  readonly #client: LazyClient<Anthropic>;

  constructor(private readonly options: AdapterOptions) {
    this.id = options.id;
    this.#client = new LazyClient(async () => {
      const key = await loadApiKey(options);
      return new Anthropic({
        apiKey: key ?? null,
        authToken: null,
        baseURL: options.baseUrl,
        timeout: options.timeoutMs,
        maxRetries: 0,
        logLevel: 'off',
        fetch: withLineLimit(options.fetch),
      });
    });
  }

  async *streamChat(call: ChatCall): AsyncIterable<ChatEvent> {
    const ctx: ErrorContext = { providerId: this.id, signal: call.signal, clock: this.options.clock };
    const cleanup = new AbortController();
    const watch = watchCall(this.options, call);
    try {
      if (call.signal.aborted) throw cancelledError(ctx);
      const client = await this.#client.get();
      if (call.signal.aborted) throw cancelledError(ctx);
      const { data: stream, response } = await client.messages
        .create(toRequest(call), {
          signal: AbortSignal.any([watch.signal, cleanup.signal]),
          timeout: call.timeoutMs ?? this.options.timeoutMs,
          maxRetries: 0,
        })
        .withResponse();
      const rateLimit = readRateLimit(response.headers, this.options.clock.now());
      if (rateLimit) yield { type: 'rate-limit', snapshot: rateLimit };
      const usage = new UsageTotals();
      let servedModel = '';
      let stopReason: string | null | undefined;
      let stopped = false;
      for await (const event of stream) {
        if (event.type === 'message_start') {
          servedModel = event.message.model;
          usage.apply(event.message.usage);
        } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          if (event.delta.text !== '') watch.content();
          yield { type: 'delta', text: event.delta.text };
        } else if (event.type === 'content_block_delta' && event.delta.type === 'thinking_delta') {
          if (event.delta.thinking !== '') watch.content(); // the model is working; pings are not content
        } else if (event.type === 'message_delta') {
          stopReason = event.delta.stop_reason ?? stopReason;
          usage.apply(event.usage);
        } else if (event.type === 'message_stop') {
          stopped = true;
        }
      }
      if (call.signal.aborted) throw cancelledError(ctx);
      watch.check(); // the SDK ends an aborted stream quietly
      if (!stopped) throw new StreamProtocolError('The stream ended without message_stop.');
      yield {
        type: 'done',
        usage: usage.toTokenUsage(),
        servedModel: servedModel || call.model,
        finishReason: toFinishReason(stopReason),
        ...(rateLimit ? { rateLimit } : {}),
      };
    } catch (error) {
      throw this.failure(ctx, watch.expired ?? error);
    } finally {
      watch.dispose();
      cleanup.abort();
    }
  }

  /** The error in core's terms; a rejected key is read again on the next call. */
  private failure(ctx: ErrorContext, error: unknown): ProviderError {
    const normalised = normaliseAnthropicError(ctx, error);
    if (normalised.kind === 'auth') this.#client.reset();
    return normalised;
  }

  async listModels(signal: AbortSignal): Promise<readonly string[]> {
    const ctx: ErrorContext = { providerId: this.id, signal, clock: this.options.clock };
    try {
      const client = await this.#client.get();
      const ids: string[] = [];
      for await (const model of client.models.list({}, { signal, timeout: this.options.timeoutMs, maxRetries: 0 })) {
        ids.push(model.id);
      }
      return ids;
    } catch (error) {
      throw this.failure(ctx, error);
    }
  }
}
