// Builds the ChatProvider for one configured provider; the only place that picks an adapter by kind.

import { systemClock, type ChatProvider, type Clock } from '../core/ports';
import type { AdapterOptions } from './adapterOptions';
import { AnthropicProvider } from './anthropic';
import type { ScheduleTimer } from './attemptWatch';
import { isLocalBaseUrl, isLoopbackUrl } from './localUrl';
import { OllamaProvider } from './ollama';
import { OpenAiProvider } from './openai';
import { DEFAULT_QUEUE_PATIENCE_MS } from './queuePatience';
import { timeoutDefaults } from './timeoutDefaults';

/** The protocols Triage speaks; `openai` covers every OpenAI-compatible server. */
export type ProviderKind = 'ollama' | 'openai' | 'anthropic';

/** One configured provider, as the host's settings reader produces it. */
export interface ProviderConfig {
  /** The `provider` part of `provider:model` (`ollama`, `openai`, `deepseek`, …). */
  readonly id: string;
  readonly kind: ProviderKind;
  /** Ollama: `http://127.0.0.1:11434`; OpenAI-compatible: including `/v1`; Anthropic: without `/v1`. */
  readonly baseUrl: string;
  /** Time allowed until response headers arrive, and the longest gap between content once an answer has started, in ms. */
  readonly timeoutMs: number;
  /** From a call's start to its first text or reasoning delta, in ms. Default: timeoutDefaults (180 s cloud, 120 s local). */
  readonly firstContentTimeoutMs?: number;
  /** From a call's start to the end of its answer, in ms. Default: timeoutDefaults (600 s cloud, 1200 s local). */
  readonly totalTimeoutMs?: number;
  /** Ollama only: how long the model stays loaded after a call. Default `30m`. */
  readonly keepAlive?: string;
  /** OpenAI-compatible only: how long to wait out a queued request (keep-alive comments only). Default: 20 s for api.deepseek.com, else no limit. */
  readonly queueTimeoutMs?: number;
}

/** What the host supplies. */
export interface ProviderDeps {
  /** Reads this provider's key from SecretStorage; called at the adapter's first use, never before. */
  readonly getApiKey: () => Promise<string | undefined>;
  /** Defaults to the system clock; used to turn reset times into delays. */
  readonly clock?: Clock;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof globalThis.fetch;
  /** Timers of each call's deadlines; defaults to setTimeout. */
  readonly schedule?: ScheduleTimer;
}

/** Default `keep_alive` for Ollama: long enough that a working session does not reload the model. */
export const DEFAULT_OLLAMA_KEEP_ALIVE = '30m';

/**
 * Creates the adapter for `config`. No network call and no key read happen here. A key is required
 * for Anthropic, and for an OpenAI-compatible server unless its URL is on this machine or a private
 * network (LM Studio, vLLM); Ollama sends one only if stored. Ollama is
 * `isLocal` only on loopback (the privacy rule keeps secrets on this machine); an OpenAI-compatible URL on
 * loopback may be a gateway to the cloud, so it is never local.
 */
export function createProvider(config: ProviderConfig, deps: ProviderDeps): ChatProvider {
  const defaults = timeoutDefaults(config.kind, config.baseUrl);
  const common: Omit<AdapterOptions, 'requiresKey'> = {
    id: config.id,
    baseUrl: config.baseUrl.replace(/\/+$/, ''),
    timeoutMs: config.timeoutMs,
    firstContentTimeoutMs: config.firstContentTimeoutMs ?? defaults.firstContentTimeoutMs,
    totalTimeoutMs: config.totalTimeoutMs ?? defaults.totalTimeoutMs,
    getApiKey: deps.getApiKey,
    clock: deps.clock ?? systemClock,
    fetch: deps.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    ...(deps.schedule ? { schedule: deps.schedule } : {}),
  };
  switch (config.kind) {
    case 'ollama':
      return new OllamaProvider({
        ...common,
        requiresKey: false,
        keepAlive: config.keepAlive ?? DEFAULT_OLLAMA_KEEP_ALIVE,
        isLocal: isLoopbackUrl(config.baseUrl),
      });
    case 'openai':
      return new OpenAiProvider({ ...common, requiresKey: !isLocalBaseUrl(config.baseUrl), ...queueTimeout(config) });
    case 'anthropic':
      return new AnthropicProvider({ ...common, requiresKey: true });
  }
}

/**
 * DeepSeek queues requests under load behind keep-alive comments (api-docs.deepseek.com/quick_start/rate_limit), so
 * its API gets a queue timeout by default. Other servers may send comments for other reasons (a gateway while a
 * model thinks): only when configured.
 */
export function queueTimeout(config: ProviderConfig): { queueTimeoutMs?: number } {
  if (config.queueTimeoutMs !== undefined) return { queueTimeoutMs: config.queueTimeoutMs };
  return new URL(config.baseUrl).hostname === 'api.deepseek.com' ? { queueTimeoutMs: DEFAULT_QUEUE_PATIENCE_MS } : {};
}
