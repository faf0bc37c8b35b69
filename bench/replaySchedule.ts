// The replay's simulated world, shared by the fake-provider process and the replay: virtual time, arrivals,
// per-model rate limits, outage windows and the token counts the fakes report. bench/replay.ts explains it.

import { hashText } from './stats';
import { mulberry32 } from '../src/cli/evaluation';

/** Virtual start: Tuesday 2026-11-24 14:00:00 UTC (DeepSeek off-peak), on a whole minute so windows align. */
export const VIRTUAL_START = Date.UTC(2026, 10, 24, 14, 0, 0);

/** Mean virtual time between two requests. */
export const MEAN_INTER_ARRIVAL_MS = 2_000;

/** Length of every rate-limit window; windows start on whole virtual minutes. */
export const WINDOW_MS = 60_000;

/** How a provider family tells a client about its limits. */
export type LimitStyle =
  /** `anthropic-ratelimit-requests-*` on every answer (reset as RFC 3339); 429 with `retry-after` seconds. */
  | 'anthropic'
  /** `x-ratelimit-*-requests/tokens` on every answer (reset as a Go duration); 429 with those headers only. */
  | 'openai'
  /** No rate-limit headers at all (DeepSeek); 429 with `retry-after` seconds. */
  | 'none';

/** One model's limit: accepted requests per virtual minute. */
export interface ModelLimit {
  readonly requestsPerMinute: number;
}

/** The fake provider servers: one per configured provider id. */
export const FAKE_PROVIDERS = ['ollama', 'openai', 'anthropic', 'deepseek'] as const;
export type FakeProviderId = (typeof FAKE_PROVIDERS)[number];

/** Header style per provider. */
export const LIMIT_STYLE: Readonly<Record<FakeProviderId, LimitStyle>> = {
  ollama: 'none',
  openai: 'openai',
  anthropic: 'anthropic',
  deepseek: 'none',
};

/**
 * Rate-limited models (`provider:model`); every other cloud model is unlimited (it still sends its
 * provider's headers, with plenty remaining). Local Ollama has no limits.
 */
export const MODEL_LIMITS: Readonly<Record<string, ModelLimit>> = {
  'anthropic:claude-opus-5-5': { requestsPerMinute: 10 },
  'anthropic:claude-sonnet-5-5': { requestsPerMinute: 10 },
  'openai:gpt-6-luna': { requestsPerMinute: 12 },
  'deepseek:deepseek-flash': { requestsPerMinute: 8 },
};

/** Limits reported by unlimited cloud models, so their headers look real. */
export const UNLIMITED_REQUESTS_PER_MINUTE = 10_000;
export const TOKENS_PER_MINUTE = 4_000_000;

/** What a provider does during an outage. */
export type OutageKind =
  /** HTTP 503 without retry-after. */
  | 'service-unavailable'
  /** HTTP 529 (Anthropic overloaded) without retry-after. */
  | 'overloaded'
  /** The server stops listening: the client gets ECONNREFUSED. */
  | 'connection-refused';

/** A provider outage in virtual minutes since VIRTUAL_START, [from, to). */
export interface Outage {
  readonly provider: FakeProviderId;
  readonly kind: OutageKind;
  readonly fromMinute: number;
  readonly toMinute: number;
}

export const OUTAGES: readonly Outage[] = [
  { provider: 'openai', kind: 'service-unavailable', fromMinute: 8, toMinute: 11 },
  { provider: 'deepseek', kind: 'connection-refused', fromMinute: 18, toMinute: 21 },
  { provider: 'anthropic', kind: 'overloaded', fromMinute: 27, toMinute: 28 },
];

/** The outage a provider is in at virtual time `now`, if any. */
export function outageAt(provider: FakeProviderId, now: number): Outage | undefined {
  const minute = (now - VIRTUAL_START) / 60_000;
  return OUTAGES.find((o) => o.provider === provider && minute >= o.fromMinute && minute < o.toMinute);
}

/** Index of the rate-limit window holding `now`, and when it ends. */
export function windowAt(now: number): { readonly index: number; readonly endsAt: number } {
  const index = Math.floor((now - VIRTUAL_START) / WINDOW_MS);
  return { index, endsAt: VIRTUAL_START + (index + 1) * WINDOW_MS };
}

/** Virtual arrival times of `count` requests: exponential gaps (a Poisson stream) with a fixed seed. */
export function arrivalTimes(count: number, seed = 7): number[] {
  const random = mulberry32(seed);
  const times: number[] = [];
  let t = VIRTUAL_START;
  for (let i = 0; i < count; i++) {
    t += Math.round(-Math.log(1 - random()) * MEAN_INTER_ARRIVAL_MS);
    times.push(t);
  }
  return times;
}

/** Tokens of a prompt as the fakes bill it: about four characters a token (system prompt included). */
export function billedInputTokens(promptText: string): number {
  return Math.max(1, Math.ceil(promptText.length / 4));
}

/** Output tokens of an answer: 150–599, fixed per prompt (same for every model and strategy). */
export function billedOutputTokens(lastUserMessage: string): number {
  return 150 + (hashText(lastUserMessage) % 450);
}
