// Adapter for Ollama through the official `ollama` client: NDJSON chat stream, /api/tags, errors by status.

import { Ollama, type ChatRequest, type ChatResponse, type Message } from 'ollama';
import type { ChatCall, ChatEvent, ChatProvider, FinishReason } from '../core/ports';
import type { ProviderError } from '../core/providerError';
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
import { checkedNdjson, StreamProtocolError } from './streamChecks';
import { timedFetch } from './timedFetch';

/** Ollama-specific options on top of the common ones. */
export interface OllamaAdapterOptions extends AdapterOptions {
  /** How long Ollama keeps the model loaded after a call (`keep_alive`), e.g. `30m`. */
  readonly keepAlive: string;
  readonly isLocal: boolean;
}

/**
 * Maps what ollama-js threw. Its ResponseError class is not exported, so it is recognised by `name`
 * and `status_code`. Ollama reports only text for an over-long prompt (and by default truncates to
 * `num_ctx` instead of failing), so a 400 is always `bad-request`, never `context-too-long`.
 */
function normaliseOllamaError(ctx: ErrorContext, error: unknown, headers: Headers | undefined): ProviderError {
  const common = normaliseCommon(ctx, error);
  if (common) return common;
  const status = (error as { status_code?: unknown } | null)?.status_code;
  if (error instanceof Error && error.name === 'ResponseError' && typeof status === 'number') {
    return providerError(ctx, kindForStatus(status), { status, ...(headers ? { headers } : {}), cause: error });
  }
  return unknownError(ctx, error);
}

function toFinishReason(reason: string | undefined): FinishReason {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  return 'other';
}

function toRequest(call: ChatCall, keepAlive: string): ChatRequest & { stream: true } {
  const messages: Message[] = [];
  if (call.system) messages.push({ role: 'system', content: call.system });
  for (const message of call.messages) messages.push({ role: message.role, content: message.content });
  return {
    model: call.model,
    messages,
    stream: true,
    keep_alive: keepAlive,
    options: {
      num_predict: call.maxOutputTokens,
      ...(call.temperature === undefined ? {} : { temperature: call.temperature }),
    },
    ...(call.jsonSchema ? { format: { ...call.jsonSchema } } : {}),
    ...(call.thinking ? { think: call.thinking === 'on' } : {}),
  };
}

/** A ChatProvider over the official `ollama` client; a fresh client per call carries its fetch. */
export class OllamaProvider implements ChatProvider {
  readonly id: string;
  readonly isLocal: boolean;
  /** Ollama needs no key; one is sent only if stored (e.g. for a remote Ollama behind auth). */
  readonly #key: LazyClient<string | undefined>;

  constructor(private readonly options: OllamaAdapterOptions) {
    this.id = options.id;
    this.isLocal = options.isLocal;
    this.#key = new LazyClient(() => loadApiKey(options));
  }

  /** An Ollama client whose every request obeys `signal` and the timeout; the key is optional. */
  private async client(signal: AbortSignal, timeoutMs: number, stream: boolean) {
    const key = await this.#key.get();
    const exchange = timedFetch(this.options.fetch, { signal, timeoutMs, ...(stream ? { wrapBody: checkedNdjson } : {}) });
    const client = new Ollama({
      host: this.options.baseUrl,
      fetch: exchange.fetch,
      ...(key ? { headers: { Authorization: `Bearer ${key}` } } : {}),
    });
    return { client, exchange };
  }

  async *streamChat(call: ChatCall): AsyncIterable<ChatEvent> {
    const ctx: ErrorContext = { providerId: this.id, signal: call.signal, clock: this.options.clock };
    const cleanup = new AbortController();
    const watch = watchCall(this.options, call);
    let headers: (() => Headers | undefined) | undefined;
    try {
      if (call.signal.aborted) throw cancelledError(ctx);
      const signal = AbortSignal.any([watch.signal, cleanup.signal]);
      const { client, exchange } = await this.client(signal, call.timeoutMs ?? this.options.timeoutMs, true);
      headers = exchange.lastHeaders;
      if (call.signal.aborted) throw cancelledError(ctx);
      const stream = await client.chat(toRequest(call, this.options.keepAlive));
      const started = exchange.lastHeaders();
      const rateLimit = started ? readRateLimit(started, this.options.clock.now()) : undefined;
      if (rateLimit) yield { type: 'rate-limit', snapshot: rateLimit };
      let last: ChatResponse | undefined;
      for await (const part of stream) {
        // A thinking model's reasoning is the model working; an empty line is not content.
        if (part.message?.content || part.message?.thinking) watch.content();
        if (part.message?.content) yield { type: 'delta', text: part.message.content };
        if (part.done) last = part;
      }
      if (call.signal.aborted) throw cancelledError(ctx);
      watch.check();
      if (!last) throw new StreamProtocolError('The stream ended without a done line.');
      yield {
        type: 'done',
        usage: { inputTokens: last.prompt_eval_count ?? 0, cachedInputTokens: 0, outputTokens: last.eval_count ?? 0 },
        servedModel: last.model || call.model,
        finishReason: toFinishReason(last.done_reason),
        ...(rateLimit ? { rateLimit } : {}),
      };
    } catch (error) {
      const normalised = normaliseOllamaError(ctx, watch.expired ?? error, headers?.());
      if (normalised.kind === 'auth') this.#key.reset();
      throw normalised;
    } finally {
      watch.dispose();
      cleanup.abort();
    }
  }

  /** `POST /api/embed` through the client: one vector per text, in order (the meaning cache's embeddings). */
  async embed(model: string, texts: readonly string[], signal: AbortSignal): Promise<readonly (readonly number[])[]> {
    const ctx: ErrorContext = { providerId: this.id, signal, clock: this.options.clock };
    let headers: (() => Headers | undefined) | undefined;
    try {
      const { client, exchange } = await this.client(signal, this.options.timeoutMs, false);
      headers = exchange.lastHeaders;
      const response = await client.embed({ model, input: [...texts], keep_alive: this.options.keepAlive });
      const vectors = response.embeddings;
      if (!Array.isArray(vectors) || vectors.length !== texts.length || !vectors.every((v) => Array.isArray(v) && v.every(Number.isFinite))) {
        throw new StreamProtocolError(`expected ${texts.length} embedding(s) of numbers`);
      }
      return vectors;
    } catch (error) {
      throw normaliseOllamaError(ctx, error, headers?.());
    }
  }

  async listModels(signal: AbortSignal): Promise<readonly string[]> {
    const ctx: ErrorContext = { providerId: this.id, signal, clock: this.options.clock };
    let headers: (() => Headers | undefined) | undefined;
    try {
      const { client, exchange } = await this.client(signal, this.options.timeoutMs, false);
      headers = exchange.lastHeaders;
      const list = await client.list();
      return list.models.map((model) => model.model || model.name);
    } catch (error) {
      throw normaliseOllamaError(ctx, error, headers?.());
    }
  }
}
