// Adapter for Ollama through the official `ollama` client: NDJSON chat stream, /api/tags, errors by status.

import { Ollama, type ChatRequest, type ChatResponse, type Message } from 'ollama';
import type { ChatCall, ChatEvent, ChatProvider, FinishReason } from '../core/ports';
import { estimateInputTokens, estimateTokens } from '../core/pricing/estimateTokens';
import { ProviderError } from '../core/providerError';
import { LazyClient, loadApiKey, watchCall, type AdapterOptions } from './adapterOptions';
import { withResponseWatch, type AttemptWatch } from './attemptWatch';
import {
  cancelledError,
  kindForStatus,
  normaliseCommon,
  providerError,
  unknownError,
  type ErrorContext,
} from './normaliseError';
import { OllamaToolCalls, toOllamaMessages, toOllamaTools } from './ollamaMessages';
import { contextSize, promptWasCut, TokenDensity } from './ollamaContext';
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
 * The context a 400 names when Ollama's llama-server engine refuses an over-long prompt instead of cutting it: its
 * error is then a JSON object, `{"error": {"type": "exceed_context_size_error", "n_ctx": …, "n_prompt_tokens": …}}`
 * (ollama/ollama#16800), read by its type field. Older engines say it only in prose, which is never read.
 */
function exceededContext(message: string): { readonly contextTokens: number; readonly promptTokens?: number } | undefined {
  if (!message.startsWith('{')) return undefined;
  try {
    const inner = (JSON.parse(message) as { error?: { type?: unknown; n_ctx?: unknown; n_prompt_tokens?: unknown } } | null)?.error;
    if (inner?.type !== 'exceed_context_size_error' || typeof inner.n_ctx !== 'number') return undefined;
    return { contextTokens: inner.n_ctx, ...(typeof inner.n_prompt_tokens === 'number' ? { promptTokens: inner.n_prompt_tokens } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * Maps what ollama-js threw. Its ResponseError class is not exported, so it is recognised by `name`
 * and `status_code`. A 400 is `bad-request` unless its error is llama-server's structured
 * `exceed_context_size_error`; an Ollama that cuts the prompt instead (the default) is found from the
 * done line's `prompt_eval_count` (see ollamaContext.ts).
 */
function normaliseOllamaError(ctx: ErrorContext, error: unknown, headers: Headers | undefined): ProviderError {
  const common = normaliseCommon(ctx, error);
  if (common) return common;
  const status = (error as { status_code?: unknown } | null)?.status_code;
  if (error instanceof Error && error.name === 'ResponseError' && typeof status === 'number') {
    const exceeded = status === 400 ? exceededContext(error.message) : undefined;
    if (exceeded !== undefined) {
      const counted = exceeded.promptTokens === undefined ? '' : ` of ${exceeded.promptTokens} tokens`;
      const message = `${ctx.providerId}: the prompt is too long for the model (HTTP 400): Ollama refused a prompt${counted} for a context of ${exceeded.contextTokens}.`;
      return new ProviderError('context-too-long', message, { status, ...exceeded, cause: error });
    }
    return providerError(ctx, kindForStatus(status), { status, ...(headers ? { headers } : {}), cause: error });
  }
  return unknownError(ctx, error);
}

function toFinishReason(reason: string | undefined, calledTools: boolean): FinishReason {
  if (reason === 'length') return 'length';
  // Ollama ends a tool-calling answer with done_reason "stop"; the calls are what says why it stopped.
  if (calledTools) return 'tool-calls';
  if (reason === 'stop') return 'stop';
  return 'other';
}

/** The call's input tokens as estimated here (the router's figure may be higher: what a provider showed). */
function estimatePrompt(call: ChatCall): number {
  return estimateInputTokens(call.system, call.messages) + (call.tools?.length ? estimateTokens(JSON.stringify(call.tools)) : 0);
}

function toRequest(call: ChatCall, keepAlive: string, numCtx: number): ChatRequest & { stream: true } {
  const messages: Message[] = [];
  if (call.system) messages.push({ role: 'system', content: call.system });
  messages.push(...toOllamaMessages(call.messages));
  return {
    model: call.model,
    messages,
    ...toOllamaTools(call),
    stream: true,
    keep_alive: keepAlive,
    options: {
      num_predict: call.maxOutputTokens,
      num_ctx: numCtx,
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
  /** Numbers the tool calls of a server that sends no call ids. */
  #callSeq = 0;
  /** What each model's long prompts tokenised to against the estimate, to size the next context. */
  readonly #density = new TokenDensity();

  constructor(private readonly options: OllamaAdapterOptions) {
    this.id = options.id;
    this.isLocal = options.isLocal;
    this.#key = new LazyClient(() => loadApiKey(options));
  }

  /** An Ollama client whose every request obeys `signal` and the timeout; the key is optional. */
  private async client(signal: AbortSignal, timeoutMs: number, stream: boolean, watch?: AttemptWatch) {
    const key = await this.#key.get();
    const exchange = timedFetch(watch ? withResponseWatch(this.options.fetch, watch) : this.options.fetch, { signal, timeoutMs, ...(stream ? { wrapBody: checkedNdjson } : {}) });
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
    let estimate = 0;
    try {
      if (call.signal.aborted) throw cancelledError(ctx);
      const signal = AbortSignal.any([watch.signal, cleanup.signal]);
      const { client, exchange } = await this.client(signal, call.timeoutMs ?? this.options.timeoutMs, true, watch);
      headers = exchange.lastHeaders;
      if (call.signal.aborted) throw cancelledError(ctx);
      // The larger of the router's figure (raised once a provider showed the prompt longer) and this estimate scaled
      // by how the model's last long prompt tokenised.
      estimate = estimatePrompt(call);
      const promptTokens = Math.max(call.promptTokens ?? 0, this.#density.scaled(call.model, estimate));
      const numCtx = contextSize(call.contextWindow, promptTokens, call.maxOutputTokens);
      const stream = await client.chat(toRequest(call, this.options.keepAlive, numCtx));
      const started = exchange.lastHeaders();
      const rateLimit = started ? readRateLimit(started, this.options.clock.now()) : undefined;
      if (rateLimit) yield { type: 'rate-limit', snapshot: rateLimit };
      let last: ChatResponse | undefined;
      const toolCalls = new OllamaToolCalls(() => `call_${this.options.clock.now().toString(36)}_${++this.#callSeq}`);
      for await (const part of stream) {
        // A thinking model's reasoning is the model working; an empty line is not content.
        if (part.message?.content || part.message?.thinking) watch.content();
        if (part.message?.content) yield { type: 'delta', text: part.message.content };
        if (toolCalls.add(part.message?.tool_calls)) watch.content();
        if (part.done) last = part;
      }
      if (call.signal.aborted) throw cancelledError(ctx);
      watch.check();
      if (!last) throw new StreamProtocolError('The stream ended without a done line.');
      // Ollama answers 200 from a cut prompt; the count it read is the only sign. The text already streamed stays
      // with the caller (the cascade marks it); an answer not yet shown is dropped and the next model asked.
      if (promptWasCut(last.prompt_eval_count, numCtx, promptTokens)) {
        this.#density.cut(call.model, estimate, numCtx);
        const read = `Ollama read ${last.prompt_eval_count} tokens of a prompt estimated at ~${promptTokens}: it was cut to fit a context of ${numCtx}.`;
        throw new ProviderError('context-too-long', `${this.id}: the prompt is too long for the model. ${read}`, { contextTokens: numCtx });
      }
      this.#density.counted(call.model, estimate, last.prompt_eval_count);
      // Only whole calls leave the adapter, after the text; one whose arguments are unusable fails the answer.
      for (const part of toolCalls.finish(ctx)) yield { type: 'tool-call', callId: part.callId, name: part.name, input: part.input };
      yield {
        type: 'done',
        usage: { inputTokens: last.prompt_eval_count ?? 0, cachedInputTokens: 0, outputTokens: last.eval_count ?? 0 },
        servedModel: last.model || call.model,
        finishReason: toFinishReason(last.done_reason, toolCalls.count > 0),
        ...(rateLimit ? { rateLimit } : {}),
      };
    } catch (error) {
      const normalised = normaliseOllamaError(ctx, watch.expired ?? error, headers?.());
      if (normalised.kind === 'auth') this.#key.reset();
      // A refusal counted the prompt: the next context is sized from that count.
      if (normalised.kind === 'context-too-long' && normalised.options.promptTokens !== undefined) this.#density.counted(call.model, estimate, normalised.options.promptTokens);
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
