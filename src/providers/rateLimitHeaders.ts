// Reads retry hints and rate-limit windows from provider response headers (OpenAI-style and Anthropic).

import type { RateLimitSnapshot } from '../core/ports';

/** The part of `Headers` the parsers need, so tests can pass a plain lookup. */
export interface HeaderReader {
  get(name: string): string | null;
}

const GO_UNITS_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  μs: 0.001,
  ns: 0.000001,
};

/**
 * Parses a Go `time.Duration` string (`6m0s`, `1s`, `12ms`, `1h2m3.5s`) into whole ms, rounding up.
 * Undefined when the text is not a duration.
 */
export function parseGoDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '0') return 0;
  const part = /(\d+(?:\.\d+)?|\.\d+)(h|ms|m|s|us|µs|μs|ns)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = part.exec(value); match; match = part.exec(value)) {
    total += Number(match[1]) * (GO_UNITS_MS[match[2] as string] as number);
    consumed = part.lastIndex;
  }
  if (consumed === 0 || consumed !== value.length) return undefined;
  return Math.ceil(total);
}

/** Ms from `nowMs` until an absolute time (RFC 3339 or HTTP date); never negative. */
function msUntil(text: string, nowMs: number): number | undefined {
  if (!/[a-z]/i.test(text) && !text.includes('-')) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * The provider's own hint for when to retry: `retry-after-ms`, else `retry-after` as seconds or an
 * HTTP date (relative to `nowMs`). Undefined when neither header is usable.
 */
export function parseRetryAfterMs(headers: HeaderReader, nowMs: number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const after = headers.get('retry-after');
  if (after === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(after)) return Math.ceil(Number(after) * 1000);
  // An HTTP date names a whole second; the window may end anywhere inside it, so wait for that second to pass.
  return msUntil(after.trim(), nowMs - 1000);
}

/** A reset header value: a Go duration (OpenAI), an RFC 3339 time (Anthropic) or bare seconds. */
export function parseResetMs(text: string, nowMs: number): number | undefined {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  return parseGoDuration(value) ?? msUntil(value, nowMs);
}

interface Window {
  readonly isTokens: boolean;
  readonly limit?: number;
  readonly remaining?: number;
  readonly resetMs?: number;
}

const WINDOWS: readonly { readonly prefix: string; readonly suffix: string; readonly isTokens: boolean }[] = [
  { prefix: 'x-ratelimit-', suffix: '-requests', isTokens: false },
  { prefix: 'x-ratelimit-', suffix: '-tokens', isTokens: true },
  { prefix: 'anthropic-ratelimit-requests-', suffix: '', isTokens: false },
  { prefix: 'anthropic-ratelimit-tokens-', suffix: '', isTokens: true },
  { prefix: 'anthropic-ratelimit-input-tokens-', suffix: '', isTokens: true },
  { prefix: 'anthropic-ratelimit-output-tokens-', suffix: '', isTokens: true },
];

function readNumber(headers: HeaderReader, name: string): number | undefined {
  const text = headers.get(name);
  if (text === null || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

function readWindows(headers: HeaderReader, nowMs: number): Window[] {
  const windows: Window[] = [];
  for (const { prefix, suffix, isTokens } of WINDOWS) {
    const limit = readNumber(headers, `${prefix}limit${suffix}`);
    const remaining = readNumber(headers, `${prefix}remaining${suffix}`);
    const resetText = headers.get(`${prefix}reset${suffix}`);
    const resetMs = resetText === null ? undefined : parseResetMs(resetText, nowMs);
    if (limit === undefined && remaining === undefined && resetMs === undefined) continue;
    windows.push({ isTokens, limit, remaining, resetMs });
  }
  return windows;
}

/** The share of a window still available; 1 when unknown. */
function headroom(window: Window): number {
  if (window.remaining === undefined) return 1;
  if (window.remaining <= 0) return 0;
  return window.limit ? window.remaining / window.limit : 1;
}

/**
 * Picks the reset that matters: the latest reset among exhausted windows (all must reset before a
 * call can succeed), else the reset of the window with the least headroom.
 */
function decisiveResetMs(windows: readonly Window[]): number | undefined {
  const exhausted = windows.filter((w) => w.remaining !== undefined && w.remaining <= 0 && w.resetMs !== undefined);
  if (exhausted.length > 0) return Math.max(...exhausted.map((w) => w.resetMs as number));
  let best: Window | undefined;
  for (const window of windows) {
    if (window.resetMs === undefined) continue;
    if (!best || headroom(window) < headroom(best)) best = window;
  }
  return best?.resetMs;
}

function minOf(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 ? Math.min(...known) : undefined;
}

/**
 * The rate-limit state a response reported: least requests and tokens remaining across windows, and
 * the reset of the exhausted or most restrictive window. Undefined when no rate-limit header is present.
 */
export function readRateLimit(headers: HeaderReader, nowMs: number): RateLimitSnapshot | undefined {
  const windows = readWindows(headers, nowMs);
  if (windows.length === 0) return undefined;
  const snapshot: { requestsRemaining?: number; tokensRemaining?: number; resetInMs?: number } = {};
  const requests = minOf(windows.filter((w) => !w.isTokens).map((w) => w.remaining));
  const tokens = minOf(windows.filter((w) => w.isTokens).map((w) => w.remaining));
  const reset = decisiveResetMs(windows);
  if (requests !== undefined) snapshot.requestsRemaining = requests;
  if (tokens !== undefined) snapshot.tokensRemaining = tokens;
  if (reset !== undefined) snapshot.resetInMs = reset;
  return snapshot;
}

/**
 * How long to wait before retrying after a refusal: the explicit retry hint, else the reset of an
 * exhausted rate-limit window. Undefined when the headers say nothing usable.
 */
export function retryAfterFromHeaders(headers: HeaderReader | undefined, nowMs: number): number | undefined {
  if (!headers) return undefined;
  const explicit = parseRetryAfterMs(headers, nowMs);
  if (explicit !== undefined) return explicit;
  const windows = readWindows(headers, nowMs).filter((w) => w.remaining !== undefined && w.remaining <= 0);
  return decisiveResetMs(windows);
}
