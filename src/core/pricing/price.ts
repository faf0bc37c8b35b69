// Price types in integer micro-dollars per million tokens, and the cost of a call computed without floats.

import type { TokenUsage } from '../ports';

/** Micro-dollars per 1M tokens for each kind of token. 1 USD per 1M tokens = 1,000,000. */
export interface Rates {
  readonly input: number;
  readonly cachedInput: number;
  readonly output: number;
  /** Input written to the prompt cache, where the provider charges a premium for it (else the input price). */
  readonly cacheWrite?: number;
}

/** Hours (UTC, [from, to)) on Monday–Friday when a provider charges its peak rates. */
export interface PeakWindow {
  readonly utcHours: readonly (readonly [number, number])[];
  readonly rates: Rates;
}

/** A model's price: base rates plus optional time-of-day and long-prompt tiers, with where it came from. */
export interface PriceEntry extends Rates {
  /** When the price was published or last checked, `YYYY-MM-DD` or `YYYY-MM`. */
  readonly since: string;
  /** Where the price comes from; `settings` for user overrides. */
  readonly source: string;
  readonly peak?: PeakWindow;
  /** Rates for the whole call when its prompt (input plus cached) exceeds `aboveInputTokens`. */
  readonly longPrompt?: Rates & { readonly aboveInputTokens: number };
  /** Micro-dollars per call, on top of the token rates: models billed by request (Copilot's premium requests through `vscode-lm`). */
  readonly perRequest?: number;
}

/** Prices keyed by `provider:model`. */
export type PriceTable = Readonly<Record<string, PriceEntry>>;

/** USD per 1M tokens (as people write prices) to integer micro-dollars per 1M tokens. */
export function usdPerMillion(usd: number): number {
  return Math.round(usd * 1_000_000);
}

/** The rates that apply to one call at time `atMs` with this usage. */
export function ratesFor(entry: PriceEntry, usage: TokenUsage, atMs: number): Rates {
  if (entry.longPrompt && usage.inputTokens + usage.cachedInputTokens > entry.longPrompt.aboveInputTokens) {
    return entry.longPrompt;
  }
  if (entry.peak && inPeak(entry.peak, atMs)) return entry.peak.rates;
  return entry;
}

/**
 * Cost in micro-dollars of one call: exact integer products, one rounding (half up) at the end.
 * BigInt keeps large token counts times large rates exact.
 */
export function costMicros(rates: Rates, usage: TokenUsage): number {
  const input = Math.max(0, Math.trunc(usage.inputTokens));
  const written = Math.min(input, Math.max(0, Math.trunc(usage.cacheWriteInputTokens ?? 0)));
  const total =
    BigInt(input - written) * BigInt(rates.input) +
    BigInt(written) * BigInt(rates.cacheWrite ?? rates.input) +
    BigInt(Math.max(0, Math.trunc(usage.cachedInputTokens))) * BigInt(rates.cachedInput) +
    BigInt(Math.max(0, Math.trunc(usage.outputTokens))) * BigInt(rates.output);
  return Number((total + 500_000n) / 1_000_000n);
}

function inPeak(peak: PeakWindow, atMs: number): boolean {
  const at = new Date(atMs);
  const day = at.getUTCDay();
  if (day === 0 || day === 6) return false;
  const hour = at.getUTCHours();
  return peak.utcHours.some(([from, to]) => hour >= from && hour < to);
}
