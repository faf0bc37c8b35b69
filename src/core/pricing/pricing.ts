// Prices a call for the ledger and estimates one for the budget; local models are free, unknown paid ones "unpriced".

import { VSCODE_LM_PROVIDER } from '../lm/vscodeLmModel';
import type { TokenUsage } from '../ports';
import type { ModelRef } from '../request';
import { formatModelRef } from '../request';
import { costMicros, ratesFor } from './price';
import type { PriceTable } from './price';

/** Prices in force and the premium model savings are measured against. */
export interface PricingConfig {
  readonly prices: PriceTable;
  /** The model a developer would otherwise use for everything (default `anthropic:claude-opus-5-5`). */
  readonly baseline: ModelRef;
}

/** A cost, or the admission that there is no price to compute one from. */
export interface PricedCost {
  readonly micros: number;
  /** True for a paid model with no price: shown as unknown, never counted as free. */
  readonly unpriced: boolean;
}

/**
 * What one call to `ref` cost. Calls served on this machine cost nothing. A model reached through `vscode.lm` (Copilot's)
 * is billed by its vendor per request, not per token: its `perRequest` price, 0 when none is set (included in the
 * user's subscription), never "unpriced".
 */
export function priceCall(prices: PriceTable, ref: ModelRef, isLocal: boolean, usage: TokenUsage, atMs: number): PricedCost {
  if (isLocal) return { micros: 0, unpriced: false };
  const entry = prices[formatModelRef(ref)];
  if (!entry) return { micros: 0, unpriced: ref.provider !== VSCODE_LM_PROVIDER };
  return { micros: costMicros(ratesFor(entry, usage, atMs), usage) + (entry.perRequest ?? 0), unpriced: false };
}

/**
 * Upper-bound estimate before a call: output at its cap, input at the full price — or, for a call that asks for
 * prompt caching, at the cache-write price of the rates in force (Anthropic: 1.25 × input).
 */
export function estimateCallCost(
  prices: PriceTable,
  ref: ModelRef,
  isLocal: boolean,
  inputTokens: number,
  maxOutputTokens: number,
  atMs: number,
  cachesPrompt = false,
): PricedCost {
  const writes = cachesPrompt ? { cacheWriteInputTokens: inputTokens } : {};
  return priceCall(prices, ref, isLocal, { inputTokens, cachedInputTokens: 0, outputTokens: maxOutputTokens, ...writes }, atMs);
}

/** What the premium baseline model would have charged for the same tokens (0 when it has no price). */
export function baselineCost(config: PricingConfig, usage: TokenUsage, atMs: number): number {
  return priceCall(config.prices, config.baseline, false, usage, atMs).micros;
}
