// The ports through which core reaches the outside world: providers, time, storage, logging.
// Adapters in providers/ and host/ implement them; core never imports an SDK or `vscode`.

import type { LedgerRecord } from './ledger/ledgerRecord';
import type { QualitySignal } from './quality/qualitySignal';
import type { ChatMessage, ToolMode, ToolSpec } from './request';

/** Token counts as the provider reported them. */
export interface TokenUsage {
  /** Input tokens billed at the full input price (cached ones excluded). */
  readonly inputTokens: number;
  /** Input tokens served from the provider's prompt cache. */
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
  /** Of `inputTokens`, how many were written to the prompt cache (billed at a premium where the provider charges for writes); absent when not reported. */
  readonly cacheWriteInputTokens?: number;
}

/** What a provider's rate-limit headers said on a response, so the router can stop before a 429. */
export interface RateLimitSnapshot {
  readonly requestsRemaining?: number;
  readonly tokensRemaining?: number;
  /** Time until the most restrictive window resets, in ms from when the response arrived. */
  readonly resetInMs?: number;
}

/** Why the model stopped. */
export type FinishReason = 'stop' | 'length' | 'refusal' | 'content-filter' | 'tool-calls' | 'other';

/** One chat call to a provider. */
export interface ChatCall {
  /** The provider's own model id (no `provider:` prefix). */
  readonly model: string;
  readonly system?: string;
  readonly messages: readonly ChatMessage[];
  readonly maxOutputTokens: number;
  /** 0 for deterministic calls (classification); omitted where the API rejects it. */
  readonly temperature?: number;
  /** JSON Schema the answer must follow, where the provider supports it. */
  readonly jsonSchema?: Readonly<Record<string, unknown>>;
  /** Cancels the call; the adapter then throws ProviderError kind `cancelled`. */
  readonly signal: AbortSignal;
  /** Per-call timeout override in ms. */
  readonly timeoutMs?: number;
  /**
   * The conversation will likely continue (a chat turn): providers whose prompt cache must be asked for
   * (Anthropic) cache this prompt, so the next turn reads it at the cached price. Others cache on their own.
   */
  readonly cachePrompt?: boolean;
  /** For a model that thinks by default: think or not (`triage.models`). Unset: send nothing, the model's default. */
  readonly thinking?: 'on' | 'off';
  /**
   * The model's known context window in tokens (`triage.models`, shipped for the default local models). Ollama is
   * sent a `num_ctx` sized to the prompt and capped by it; without any, Ollama silently cuts a long prompt to its small default.
   */
  readonly contextWindow?: number;
  /** The router's (generous) estimate of the call's input tokens, tools included; an adapter that needs one estimates it itself when absent. */
  readonly promptTokens?: number;
  /** Tools the model may call, sent in the provider's own wire form. */
  readonly tools?: readonly ToolSpec[];
  /** With `tools`: `required` asks the provider to make the model call one (OpenAI `required`, Anthropic `any`). */
  readonly toolMode?: ToolMode;
}

/**
 * What a streaming chat yields: text deltas in order, then exactly one `done`. An adapter that sees rate-limit headers
 * yields one `rate-limit` as soon as the response starts, before any delta, so the router learns an exhausted window
 * while a slow answer is still streaming (not only when it ends); one that sees usage before the end yields `usage`.
 * A `tool-call` comes once the call is complete (the
 * adapter joins streamed argument fragments); arguments that are not a JSON object make the adapter throw
 * ProviderError `malformed` instead, so the cascade moves on before anything reaches the caller.
 */
export type ChatEvent =
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'rate-limit'; readonly snapshot: RateLimitSnapshot }
  /**
   * Usage the provider has reported so far, before `done` (Anthropic's message_start and message_delta, an OpenAI usage
   * chunk): a stream that breaks later is billed from it (plus its received text), as the provider bills it.
   */
  | { readonly type: 'usage'; readonly usage: TokenUsage; /** The provider's final counts (Anthropic message_delta, OpenAI's usage chunk), not a start figure. */ readonly final?: true }
  | { readonly type: 'tool-call'; readonly callId: string; readonly name: string; readonly input: Readonly<Record<string, unknown>> }
  | {
      readonly type: 'done';
      readonly usage: TokenUsage;
      /** The model id the provider says served the call. */
      readonly servedModel: string;
      readonly finishReason: FinishReason;
      readonly rateLimit?: RateLimitSnapshot;
    };

/** A configured provider (Ollama, OpenAI-compatible, Anthropic) behind one interface. */
export interface ChatProvider {
  /** Configured id, the `provider` part of `provider:model`. */
  readonly id: string;
  /** True when calls stay on this machine or the user's private network (Ollama on loopback or a private-network address). */
  readonly isLocal: boolean;
  /**
   * Streams one chat. Throws ProviderError for every failure, before or during the stream.
   * @see ProviderError
   */
  streamChat(call: ChatCall): AsyncIterable<ChatEvent>;
  /** Model ids the provider offers, where its API can list them. */
  listModels?(signal: AbortSignal): Promise<readonly string[]>;
  /** Embedding vectors for `texts` (Ollama's embed API), where the provider has one; throws ProviderError. */
  embed?(model: string, texts: readonly string[], signal: AbortSignal): Promise<readonly (readonly number[])[]>;
}

/**
 * A sentence encoder that runs off the extension host's thread (the embedded classifier's second head). Loads its
 * model on first use; `embed` resolves with the embedding (512 floats) or rejects when the encoder cannot run.
 */
export interface SentenceEncoder {
  embed(text: string): Promise<ArrayLike<number>>;
}

/** Wall-clock time in ms since the epoch; injected so tests need no sleeps. */
export interface Clock {
  now(): number;
}

/** Where core writes what happened. Never receives prompt text or keys. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything, for tests and tools. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Finds configured providers for the cascade. */
export interface ProviderLookup {
  /**
   * The provider with this id, created on first use; undefined when no such provider is configured.
   * May throw ProviderError kind `auth` when its key is missing.
   */
  get(providerId: string): Promise<ChatProvider | undefined>;
}

/** Counts syntax errors in code, so an edit whose replacement does not parse can be rejected. */
export interface CodeParser {
  /** Error and missing nodes in `code` parsed as `languageId`; undefined when the language is not supported. */
  countSyntaxErrors(code: string, languageId: string): Promise<number | undefined>;
}

/** Where quality signals go (the host's signal files beside the ledger). */
export interface QualitySink {
  append(signal: QualitySignal): Promise<void>;
}

/** Durable, append-only store of one record per request. */
export interface LedgerSink {
  append(record: LedgerRecord): Promise<void>;
}

/** Money spent so far in the local day and month containing `now`, from the ledger, in micro-dollars. */
export interface SpendSoFar {
  readonly dayMicros: number;
  readonly monthMicros: number;
  /** Demo-mode spend (illustrative, never billed), kept apart from the real figures above. */
  readonly demoDayMicros?: number;
  readonly demoMonthMicros?: number;
}

/** Reads spend from the ledger (all windows' appends included) for budget checks. */
export interface SpendSource {
  spent(nowMs: number): Promise<SpendSoFar>;
}

/** Turns texts into embedding vectors with a local model (Ollama's embed API); throws when it cannot. */
export interface TextEmbedder {
  embed(model: string, texts: readonly string[], signal: AbortSignal): Promise<readonly (readonly number[])[]>;
}

/**
 * Where the response cache keeps its entries: one small text per key, shared by every window. Keys are hex digits and
 * dashes. Writes are whole-or-nothing, so another window never reads half an entry.
 */
export interface CacheStore {
  /** The stored text, or undefined when there is none. */
  read(key: string): Promise<string | undefined>;
  write(key: string, text: string): Promise<void>;
  /** Removes the entry; no error when it is already gone. */
  remove(key: string): Promise<void>;
  /** Every stored key with when it was last written or served (clock ms), for LRU eviction. */
  list(): Promise<readonly { readonly key: string; readonly usedAt: number }[]>;
  /** Marks an entry as just served. */
  touch(key: string, at: number): Promise<void>;
  clear(): Promise<void>;
}
