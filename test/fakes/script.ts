// What a fake provider server is told to do for one request, and what it records about requests.

/** How a 429 tells the client when to come back. */
export type RetryHint =
  | { readonly kind: 'retry-after-ms'; readonly ms: number }
  | { readonly kind: 'retry-after-seconds'; readonly seconds: number }
  | { readonly kind: 'retry-after-date'; readonly date: Date }
  /** No retry header: only the rate-limit reset headers in `Script.headers` say when. */
  | { readonly kind: 'reset-headers' }
  | { readonly kind: 'none' };

/** One way for a request to go wrong. Each fake renders it in its own protocol's wire format. */
export type Fault =
  | { readonly kind: 'rate-limit'; readonly hint: RetryHint }
  | { readonly kind: 'unauthorized' } // 401
  | { readonly kind: 'billing' } // 402
  | { readonly kind: 'unknown-model' } // 404
  | { readonly kind: 'context-too-long' } // 400 with the protocol's own marker (structured where it has one)
  | { readonly kind: 'request-too-large' } // 413
  | { readonly kind: 'bad-request' } // 400
  | { readonly kind: 'server-error' } // 500
  | { readonly kind: 'service-unavailable' } // 503
  | { readonly kind: 'overloaded' } // 529
  | { readonly kind: 'gateway-timeout' } // 504
  /** Never sends headers; the request stays open until the client gives up or the fake closes. */
  | { readonly kind: 'hang' }
  /** Sends headers and the first `afterChunks` text chunks, then waits forever. */
  | { readonly kind: 'stall'; readonly afterChunks: number }
  /**
   * OpenAI-compatible only, as DeepSeek under load: headers, then an SSE `: keep-alive` comment every `everyMs` —
   * `comments` of them and then the answer, or until the client goes away when `comments` is not given.
   */
  | { readonly kind: 'queued'; readonly everyMs: number; readonly comments?: number }
  /** Headers, then nothing: the body never starts; the request stays open until the client goes away. */
  | { readonly kind: 'silent-after-headers' }
  /**
   * Headers, then only the protocol's keep-alive every `everyMs` until the client goes away: OpenAI `: keep-alive`
   * comments, Anthropic `ping` events (after message_start), Ollama lines with empty content (a model stuck before its first token).
   */
  | { readonly kind: 'keep-alive-forever'; readonly everyMs: number }
  /** Headers, then the answer's text one character per delta every `everyMs`, then silence (no end) until the client goes away. */
  | { readonly kind: 'drip'; readonly everyMs: number }
  /** Sends the first `afterChunks` chunks, then destroys the socket. Anthropic has sent message_start's usage (input) by then. */
  | { readonly kind: 'drop-mid-stream'; readonly afterChunks: number }
  /**
   * Sends every chunk and the final usage (OpenAI's usage chunk, Anthropic's message_delta), then destroys the socket
   * before the end marker ([DONE], message_stop). Ollama reports usage only in its done line, so it drops before that.
   */
  | { readonly kind: 'drop-after-usage' }
  /** Sends the first `afterChunks` chunks, then the protocol's in-stream error (`errorType` picks it). */
  | { readonly kind: 'error-mid-stream'; readonly afterChunks: number; readonly errorType?: string }
  /** Sends a chunk whose JSON is broken after the first `afterChunks` chunks, then the rest normally. */
  | { readonly kind: 'malformed-chunk'; readonly afterChunks: number }
  /** Sends the chunks, then ends the body cleanly with no done / [DONE] / message_stop. */
  | { readonly kind: 'truncated' }
  /** A slow answer without timers: headers and the first `afterChunks` chunks, then the rest once `until` resolves. */
  | { readonly kind: 'paused'; readonly afterChunks: number; readonly until: Promise<void> };

/** Token counts the adapter should report (the fake renders them in the protocol's own fields). */
export interface ScriptUsage {
  /** Uncached input tokens. */
  readonly inputTokens: number;
  readonly cachedInputTokens?: number;
  readonly outputTokens: number;
  /** Anthropic only: input written to the prompt cache, reported apart from input — only when the request asked for caching. */
  readonly cacheWriteTokens?: number;
}

/** How the answer ended. `refusal` is rendered where the protocol has one (not Ollama). */
export type ScriptFinish = 'stop' | 'length' | 'refusal' | 'content-filter';

/** A tool call the fake model makes, rendered in each protocol's own wire form after the text. */
export interface ScriptToolCall {
  /** The call's id; for Ollama an empty id leaves the field out, as servers before call ids do. */
  readonly id: string;
  readonly name: string;
  /**
   * The arguments as the model writes them: a JSON text, possibly cut off or invalid. OpenAI and Anthropic stream it in
   * `pieces` fragments; Ollama sends the parsed value (the text itself when it does not parse).
   */
  readonly arguments: string;
  /** Fragments the arguments are streamed in (default 3). */
  readonly pieces?: number;
}

/** `text` cut into `pieces` nearly equal fragments, none empty unless the text is. */
export function fragments(text: string, pieces = 3): string[] {
  const n = Math.max(1, Math.min(pieces, text.length));
  const size = Math.ceil(text.length / n);
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
  return out.length > 0 ? out : [''];
}

/** One request's answer. An empty `chunks` is an empty answer. */
export interface Script {
  /** Text deltas, sent in order. For an OpenAI refusal they go in `delta.refusal`. */
  readonly chunks: readonly string[];
  /** Tool calls after the text; the finish becomes the protocol's tool-call reason unless `finish` says otherwise. */
  readonly toolCalls?: readonly ScriptToolCall[];
  readonly usage?: ScriptUsage;
  /** Extra response headers (rate-limit windows, request ids); also sent on errors. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly finish?: ScriptFinish;
  /** The model id the response names; defaults to the requested one. */
  readonly servedModel?: string;
  /** OpenAI only: report cache hits DeepSeek-style (`prompt_cache_hit_tokens`). */
  readonly usageStyle?: 'openai' | 'deepseek';
  readonly fault?: Fault;
  /** Nothing at all (no status, no headers) goes out until this resolves; then the script as usual (a 429 included). */
  readonly holdUntil?: Promise<void>;
}

/** The chat part of a request body, the same for all three protocols. */
export interface ChatRequestView {
  readonly model: string;
  readonly system?: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly maxTokens?: number;
  /** The context the client asked for (Ollama's `options.num_ctx`). */
  readonly contextTokens?: number;
  readonly stream: boolean;
}

/** A request as the fake received it. Auth values are never recorded, only whether one was sent. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-case names; `authorization` and `x-api-key` removed. */
  readonly headers: Readonly<Record<string, string>>;
  readonly hasAuth: boolean;
  /** sha256 (hex) of each auth header's value, so a test can check which key was sent without the fake keeping it. */
  readonly authDigests: readonly string[];
  /** Parsed JSON body, or undefined. */
  readonly body: unknown;
  /** Set for chat requests. */
  readonly chat?: ChatRequestView;
  /** Resolves when the request's socket closes (client cancel, drop, or keep-alive end). */
  readonly socketClosed: Promise<void>;
}

/** Picks the script for a chat request; sees the parsed request (model, messages, max tokens). */
export type Responder = (request: RecordedRequest) => Script;

/** How to start a fake: a queue of scripts (used in order), else a responder. */
export interface FakeOptions {
  readonly scripts?: readonly Script[];
  readonly respond?: Responder;
  /** Model ids the listing endpoint returns. */
  readonly models?: readonly string[];
  /** Fixed port; 0 (default) picks a free one. */
  readonly port?: number;
}

/** OpenAI-style rate-limit headers (`x-ratelimit-*`), resets as Go durations like `6m0s`. */
export function openAiRateLimitHeaders(window: {
  readonly limitRequests: number;
  readonly remainingRequests: number;
  readonly resetRequests: string;
  readonly limitTokens: number;
  readonly remainingTokens: number;
  readonly resetTokens: string;
}): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': String(window.limitRequests),
    'x-ratelimit-remaining-requests': String(window.remainingRequests),
    'x-ratelimit-reset-requests': window.resetRequests,
    'x-ratelimit-limit-tokens': String(window.limitTokens),
    'x-ratelimit-remaining-tokens': String(window.remainingTokens),
    'x-ratelimit-reset-tokens': window.resetTokens,
  };
}

/** Anthropic rate-limit headers, resets as RFC 3339 times. */
export function anthropicRateLimitHeaders(windows: {
  readonly [name in 'requests' | 'tokens' | 'input-tokens' | 'output-tokens']?: {
    readonly limit: number;
    readonly remaining: number;
    readonly reset: Date;
  };
}): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, window] of Object.entries(windows)) {
    headers[`anthropic-ratelimit-${name}-limit`] = String(window.limit);
    headers[`anthropic-ratelimit-${name}-remaining`] = String(window.remaining);
    headers[`anthropic-ratelimit-${name}-reset`] = window.reset.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return headers;
}

/** The retry header a hint becomes. */
export function retryHintHeaders(hint: RetryHint): Record<string, string> {
  switch (hint.kind) {
    case 'retry-after-ms':
      return { 'retry-after-ms': String(hint.ms) };
    case 'retry-after-seconds':
      return { 'retry-after': String(hint.seconds) };
    case 'retry-after-date':
      return { 'retry-after': hint.date.toUTCString() };
    case 'reset-headers':
    case 'none':
      return {};
  }
}
