// What every adapter is built from, and the lazy, at-first-use reading of its API key.

import type { ChatCall, Clock } from '../core/ports';
import { ProviderError } from '../core/providerError';
import { AttemptWatch, type ScheduleTimer } from './attemptWatch';

/** Common construction options of the three adapters; createProvider fills them from config. */
export interface AdapterOptions {
  /** Configured provider id, used in every error message. */
  readonly id: string;
  readonly baseUrl: string;
  /**
   * Time allowed until response headers arrive, in ms (per-call override: ChatCall.timeoutMs); also the longest
   * gap between content once the answer has started.
   */
  readonly timeoutMs: number;
  /** From a call's start to its first text or reasoning delta, in ms. */
  readonly firstContentTimeoutMs: number;
  /** From a call's start to the end of its answer, in ms. */
  readonly totalTimeoutMs: number;
  /** OpenAI-compatible only: how long a stream of nothing but keep-alive comments is waited out; unset: no limit. */
  readonly queueTimeoutMs?: number;
  /** The timers of each call's deadlines (tests pass manual ones). */
  readonly schedule?: ScheduleTimer;
  /** Reads the key from SecretStorage; called at first use, never at construction. */
  readonly getApiKey: () => Promise<string | undefined>;
  /** False where a key is optional (Ollama, a keyless server on this machine). */
  readonly requiresKey: boolean;
  readonly clock: Clock;
  /** The fetch the SDK clients use (the global one in production). */
  readonly fetch: typeof globalThis.fetch;
}

/** The deadlines of one call, on the caller's signal. */
export function watchCall(options: AdapterOptions, call: ChatCall): AttemptWatch {
  const limits = {
    firstContentMs: options.firstContentTimeoutMs,
    totalMs: options.totalTimeoutMs,
    idleMs: options.timeoutMs,
    headersMs: call.timeoutMs ?? options.timeoutMs,
    ...(options.queueTimeoutMs === undefined ? {} : { queueMs: options.queueTimeoutMs }),
  };
  return new AttemptWatch(call.signal, limits, options.schedule);
}

/**
 * Reads the API key now. A missing key where one is required, or a failing secret store, is an
 * `auth` error naming the provider; the key text never appears in a message.
 */
export async function loadApiKey(options: AdapterOptions): Promise<string | undefined> {
  let key: string | undefined;
  try {
    key = (await options.getApiKey())?.trim() || undefined;
  } catch (error) {
    throw new ProviderError('auth', `${options.id}: could not read the API key from secret storage.`, { cause: error });
  }
  if (key === undefined && options.requiresKey) {
    throw new ProviderError('auth', `${options.id}: no API key is stored for provider "${options.id}". Set one to use it.`);
  }
  return key;
}

/** Holds an SDK client built at first use; `reset` after an auth failure so a new key is read. */
export class LazyClient<T> {
  #pending: Promise<T> | undefined;

  constructor(private readonly build: () => Promise<T>) {}

  get(): Promise<T> {
    this.#pending ??= this.build().catch((error: unknown) => {
      this.#pending = undefined;
      throw error;
    });
    return this.#pending;
  }

  reset(): void {
    this.#pending = undefined;
  }
}
