// The default time limits of a call, per kind of provider, and why each is what it is.

import { isLocalBaseUrl } from './localUrl';

/** A provider's time limits in ms; each can be set per provider in `triage.providers`. */
export interface TimeoutDefaults {
  /** Until the response headers arrive; also the longest gap between content once the answer has started. */
  readonly timeoutMs: number;
  /** From the call's start to the first text or reasoning delta. */
  readonly firstContentTimeoutMs: number;
  /** From the call's start to the end of the answer. */
  readonly totalTimeoutMs: number;
}

/**
 * Cloud APIs send headers as soon as they accept a streaming request, before the model has produced anything (DeepSeek
 * then sends keep-alives), so 30 s is a wide margin for a slow network; past it the request is lost, and another model
 * answers sooner than this one would. (It was 120 s, which a hanging model cost on every request.) A gap of 30 s once text
 * flows is a stalled stream too. The first content gets 180 s: reasoning models that think without streaming their
 * reasoning (OpenAI's o-series and GPT-5 at high effort over Chat Completions) often take one to two minutes before their
 * first token on a hard question, and a killed answer wastes the reasoning tokens already billed; models that stream their
 * reasoning (DeepSeek, Ollama's thinking models) count it as content. The total, 600 s, fits three minutes of thinking plus
 * a 16k-token answer at 50 tokens/s, and ends an answer that drips a character every few seconds.
 */
export const CLOUD_TIMEOUTS: TimeoutDefaults = { timeoutMs: 30_000, firstContentTimeoutMs: 180_000, totalTimeoutMs: 600_000 };

/**
 * A server on this machine or network (Ollama, LM Studio, vLLM) may first load the model from disk and evaluate the
 * prompt on a CPU, and Ollama sends its headers only with the first token, so both waits get 120 s as before. The
 * total, 1200 s, fits a 2k-token answer from a small model on a CPU at a few tokens a second.
 */
export const LOCAL_TIMEOUTS: TimeoutDefaults = { timeoutMs: 120_000, firstContentTimeoutMs: 120_000, totalTimeoutMs: 1_200_000 };

/** The defaults for a provider at `baseUrl`: local limits for Ollama and any server on this machine or a private network. */
export function timeoutDefaults(kind: string, baseUrl: string): TimeoutDefaults {
  if (kind === 'ollama') return LOCAL_TIMEOUTS;
  try {
    return isLocalBaseUrl(baseUrl) ? LOCAL_TIMEOUTS : CLOUD_TIMEOUTS;
  } catch {
    return CLOUD_TIMEOUTS;
  }
}
