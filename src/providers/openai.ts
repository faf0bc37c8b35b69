// Adapter for OpenAI and OpenAI-compatible servers (DeepSeek, OpenRouter, vLLM, LM Studio, gateways).

import { APIConnectionError, APIConnectionTimeoutError, APIError, OpenAI } from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
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
import { withKeepAliveWatch } from './queuePatience';
import { readRateLimit } from './rateLimitHeaders';
import { OpenAiToolCalls, toOpenAiMessages, toOpenAiTools } from './openaiMessages';
import { isEventStream, withBody } from './responseBody';
import { checkedSseSentinel } from './streamChecks';

/** Structured codes and types (never message text) that name a kind, from OpenAI and compatibles. */
const KIND_BY_CODE: Readonly<Record<string, ProviderErrorKind>> = {
  context_length_exceeded: 'context-too-long',
  insufficient_quota: 'auth',
  invalid_api_key: 'auth',
  model_not_found: 'not-found',
  rate_limit_exceeded: 'rate-limit',
  overloaded: 'overloaded',
  overloaded_error: 'overloaded',
  server_overloaded: 'overloaded',
  engine_overloaded: 'overloaded',
  service_unavailable: 'overloaded',
  timeout: 'timeout',
};

/** Kind from an error object's `code` (string, or a numeric status as OpenRouter sends) and `type`. */
function kindFromFields(code: unknown, type: unknown): ProviderErrorKind | undefined {
  if (typeof code === 'number' && code >= 400) return kindForStatus(code);
  if (typeof code === 'string' && KIND_BY_CODE[code]) return KIND_BY_CODE[code];
  if (typeof type === 'string' && KIND_BY_CODE[type]) return KIND_BY_CODE[type];
  return undefined;
}

/** Maps what the openai SDK threw to a ProviderError, by class, status and structured code. */
function normaliseOpenAiError(ctx: ErrorContext, error: unknown): ProviderError {
  const common = normaliseCommon(ctx, error);
  if (common) return common;
  if (error instanceof APIConnectionTimeoutError) return providerError(ctx, 'timeout', { cause: error });
  if (error instanceof APIConnectionError) return providerError(ctx, 'unavailable', { cause: error });
  if (error instanceof APIError) {
    const fields = error.error as { code?: unknown } | undefined;
    const byFields = kindFromFields(fields?.code ?? error.code, error.type);
    if (error.status === undefined) {
      // An error object inside a 200 stream: only its fields say what happened.
      return providerError(ctx, byFields ?? 'unavailable', { headers: error.headers, cause: error });
    }
    let kind = kindForStatus(error.status);
    if (error.status === 400 && byFields === 'context-too-long') kind = 'context-too-long';
    if (error.status === 429 && byFields === 'auth') kind = 'auth'; // insufficient_quota: billing, not a wait
    return providerError(ctx, kind, { status: error.status, headers: error.headers, cause: error });
  }
  return unknownError(ctx, error);
}

function toFinishReason(reason: string | null | undefined, refused: boolean): FinishReason {
  if (refused) return 'refusal';
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  if (reason === 'content_filter') return 'content-filter';
  if (reason === 'tool_calls') return 'tool-calls';
  return 'other';
}

/** Usage from the include_usage chunk; DeepSeek reports cache hits in its own fields. */
function toUsage(usage: ChatCompletionChunk['usage'] | undefined): TokenUsage {
  if (!usage) return { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };
  const extra = usage as unknown as {
    prompt_cache_hit_tokens?: number;
    prompt_cache_miss_tokens?: number;
    prompt_tokens_details?: { cached_tokens?: number | null; cache_write_tokens?: number | null } | null;
  };
  const cached = extra.prompt_tokens_details?.cached_tokens ?? extra.prompt_cache_hit_tokens ?? 0;
  const uncached = extra.prompt_cache_miss_tokens ?? Math.max(0, usage.prompt_tokens - cached);
  const written = extra.prompt_tokens_details?.cache_write_tokens;
  return {
    inputTokens: uncached,
    cachedInputTokens: cached,
    outputTokens: usage.completion_tokens,
    ...(typeof written === 'number' && written > 0 ? { cacheWriteInputTokens: written } : {}),
  };
}

/** DeepSeek's switch for its default thinking (api-docs.deepseek.com/guides/thinking_mode), not in the SDK's types: sent only when configured. */
type DeepSeekThinking = { readonly thinking?: { readonly type: 'enabled' | 'disabled' } };

function toRequest(call: ChatCall): ChatCompletionCreateParamsStreaming & DeepSeekThinking {
  const messages: ChatCompletionMessageParam[] = [];
  if (call.system) messages.push({ role: 'system', content: call.system });
  for (const message of call.messages) messages.push(...toOpenAiMessages(message));
  return {
    model: call.model,
    messages,
    ...toOpenAiTools(call),
    stream: true,
    stream_options: { include_usage: true },
    max_completion_tokens: call.maxOutputTokens,
    ...(call.temperature === undefined ? {} : { temperature: call.temperature }),
    ...(call.jsonSchema
      ? { response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { ...call.jsonSchema }, strict: true } } }
      : {}),
    ...(call.thinking ? { thinking: { type: call.thinking === 'on' ? 'enabled' : 'disabled' } } : {}),
  };
}

/** A reasoning delta (DeepSeek `reasoning_content`, OpenRouter `reasoning`): the model is working, so it counts as content. */
function hasReasoning(delta: unknown): boolean {
  const fields = delta as { reasoning_content?: unknown; reasoning?: unknown } | undefined;
  return (typeof fields?.reasoning_content === 'string' && fields.reasoning_content !== '') || (typeof fields?.reasoning === 'string' && fields.reasoning !== '');
}

/** Wraps fetch so an event-stream body that ends without `data: [DONE]` errors (the SDK would end quietly). */
function withDoneSentinelCheck(base: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok || !response.body || !isEventStream(response)) return response;
    return withBody(response, checkedSseSentinel(response.body, '[DONE]'));
  };
}

/** A ChatProvider over the official `openai` client, for any OpenAI-compatible base URL. */
export class OpenAiProvider implements ChatProvider {
  readonly id: string;
  readonly isLocal = false;
  readonly #client: LazyClient<OpenAI>;

  constructor(private readonly options: AdapterOptions) {
    this.id = options.id;
    this.#client = new LazyClient(async () => {
      const key = await loadApiKey(options);
      return new OpenAI({
        apiKey: key ?? 'no-key', // keyless local servers; the SDK would otherwise read the environment
        baseURL: options.baseUrl,
        organization: null,
        project: null,
        timeout: options.timeoutMs,
        maxRetries: 0,
        logLevel: 'off',
        fetch: withDoneSentinelCheck(options.fetch),
      });
    });
  }

  async *streamChat(call: ChatCall): AsyncIterable<ChatEvent> {
    const ctx: ErrorContext = { providerId: this.id, signal: call.signal, clock: this.options.clock };
    const cleanup = new AbortController();
    const watch = watchCall(this.options, call);
    try {
      if (call.signal.aborted) throw cancelledError(ctx);
      // This call's own fetch, so its keep-alive comments reach its watch (a queue deadline where one is set).
      const client = (await this.#client.get()).withOptions({
        fetch: withDoneSentinelCheck(withKeepAliveWatch(this.options.fetch, () => watch.keepAlive())),
      });
      if (call.signal.aborted) throw cancelledError(ctx);
      const { data: stream, response } = await client.chat.completions
        .create(toRequest(call), {
          signal: AbortSignal.any([watch.signal, cleanup.signal]),
          timeout: call.timeoutMs ?? this.options.timeoutMs,
          maxRetries: 0,
        })
        .withResponse();
      const rateLimit = readRateLimit(response.headers, this.options.clock.now());
      if (rateLimit) yield { type: 'rate-limit', snapshot: rateLimit };
      let servedModel = '';
      let finish: string | null | undefined;
      let refused = false;
      let usage: ChatCompletionChunk['usage'] | undefined;
      const toolCalls = new OpenAiToolCalls();
      for await (const chunk of stream) {
        if (!servedModel && chunk.model) servedModel = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        for (const choice of chunk.choices) {
          if (choice.index !== 0) continue;
          if (choice.delta?.refusal) refused = true; // refusal text is not the answer; the finish says why
          if (choice.delta?.content || choice.delta?.refusal || hasReasoning(choice.delta)) watch.content();
          if (choice.delta?.content) yield { type: 'delta', text: choice.delta.content };
          if (toolCalls.add(choice.delta?.tool_calls)) watch.content();
          if (choice.finish_reason) finish = choice.finish_reason;
        }
      }
      if (call.signal.aborted) throw cancelledError(ctx);
      watch.check(); // the SDK ends an aborted stream quietly
      // Only whole calls leave the adapter: fragments are joined first, and a call that cannot be parsed fails the answer.
      for (const part of toolCalls.finish(ctx)) yield { type: 'tool-call', callId: part.callId, name: part.name, input: part.input };
      yield {
        type: 'done',
        usage: toUsage(usage),
        servedModel: servedModel || call.model,
        finishReason: toFinishReason(finish, refused),
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
    const normalised = normaliseOpenAiError(ctx, error);
    if (normalised.kind === 'auth') this.#client.reset();
    return normalised;
  }

  async listModels(signal: AbortSignal): Promise<readonly string[]> {
    const ctx: ErrorContext = { providerId: this.id, signal, clock: this.options.clock };
    try {
      const client = await this.#client.get();
      const ids: string[] = [];
      for await (const model of client.models.list({ signal, timeout: this.options.timeoutMs, maxRetries: 0 })) {
        ids.push(model.id);
      }
      return ids;
    } catch (error) {
      throw this.failure(ctx, error);
    }
  }
}
