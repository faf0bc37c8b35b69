// Turns raw price settings into a price table over the defaults, reporting each bad entry by setting name.

import { VSCODE_LM_PROVIDER } from '../lm/vscodeLmModel';
import { formatModelRef, parseModelRef } from '../request';
import type { ModelRef } from '../request';
import { describeValue, isRecord } from '../validated';
import type { Validated } from '../validated';
import { DEFAULT_PRICES } from './defaultPrices';
import { usdPerMillion } from './price';
import type { PriceEntry } from './price';
import type { PricingConfig } from './pricing';

/** The shipped premium baseline. */
export const DEFAULT_BASELINE_REF = 'anthropic:claude-opus-5-5';

/** Highest accepted price, USD per 1M tokens; anything above is surely a typo. */
const MAX_USD_PER_MILLION = 1000;

/** Raw values from settings: `triage.prices` ({"provider:model": {input, cachedInput?, output} in USD per 1M tokens,
 *  or {"perRequest": USD} for a `vscode-lm:` model})
 *  and `triage.baselineModel` (string). */
export interface RawPricingSettings {
  readonly prices?: unknown;
  readonly baselineModel?: unknown;
}

/**
 * An override without a cache-write price keeps the shipped model's write premium (Anthropic 1.25 × input) on the
 * new input price, so overriding input and output never undercounts cache writes.
 */
function withShippedWritePremium(entry: PriceEntry, shipped: PriceEntry | undefined): PriceEntry {
  if (entry.cacheWrite !== undefined || shipped?.cacheWrite === undefined || shipped.input === 0) return entry;
  return { ...entry, cacheWrite: Math.round((entry.input * shipped.cacheWrite) / shipped.input) };
}

/** Validates price overrides (a missing cachedInput takes the input price) and the baseline model. */
export function validatePricingSettings(raw: RawPricingSettings): Validated<PricingConfig> {
  const problems: string[] = [];
  const prices: Record<string, PriceEntry> = { ...DEFAULT_PRICES };
  const given = raw.prices ?? {};
  if (!isRecord(given)) problems.push(`triage.prices: expected an object keyed by provider:model, got ${describeValue(given)} — ignored`);
  for (const [key, value] of Object.entries(isRecord(given) ? given : {})) {
    const ref = parseModelRef(key);
    if (!ref) {
      problems.push(`triage.prices: ${describeValue(key)} is not provider:model — ignored`);
      continue;
    }
    const entry = ref.provider === VSCODE_LM_PROVIDER ? parsePerRequestEntry(value) : parseEntry(value);
    if (typeof entry === 'string') problems.push(`triage.prices.${key}: ${entry} — ignored`);
    else prices[formatModelRef(ref)] = withShippedWritePremium(entry, DEFAULT_PRICES[formatModelRef(ref)]);
  }
  const baseline = validateBaseline(raw.baselineModel, problems);
  if (!prices[formatModelRef(baseline)]) {
    problems.push(`triage.baselineModel: '${formatModelRef(baseline)}' has no price, so savings show as 0 — add it to triage.prices`);
  }
  return { value: { prices, baseline }, problems };
}

function parseEntry(value: unknown): PriceEntry | string {
  if (!isRecord(value)) return `expected {"input": n, "output": n, "cachedInput"?: n, "cacheWrite"?: n} in USD per 1M tokens, got ${describeValue(value)}`;
  const fields = ['input', 'output', 'cachedInput', 'cacheWrite'] as const;
  for (const field of fields) {
    const n = value[field];
    if (n === undefined && (field === 'cachedInput' || field === 'cacheWrite')) continue;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > MAX_USD_PER_MILLION) {
      return `${field} must be a number of USD per 1M tokens between 0 and ${MAX_USD_PER_MILLION}, got ${describeValue(n)}`;
    }
  }
  const input = value.input as number;
  return {
    input: usdPerMillion(input),
    cachedInput: usdPerMillion((value.cachedInput as number | undefined) ?? input),
    output: usdPerMillion(value.output as number),
    ...(typeof value.cacheWrite === 'number' ? { cacheWrite: usdPerMillion(value.cacheWrite) } : {}),
    since: typeof value.since === 'string' ? value.since : 'settings',
    source: 'settings',
  };
}

/** Highest accepted price of one request, USD (Copilot's premium request is $0.04, times a model's multiplier). */
const MAX_USD_PER_REQUEST = 100;

/** A `vscode-lm` model's price: `{"perRequest": USD}`; its vendor bills requests (Copilot's premium requests), not tokens. */
function parsePerRequestEntry(value: unknown): PriceEntry | string {
  const usd = isRecord(value) ? value.perRequest : undefined;
  const extra = isRecord(value) ? Object.keys(value).filter((k) => k !== 'perRequest' && k !== 'since') : [];
  if (!isRecord(value) || typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0 || usd > MAX_USD_PER_REQUEST || extra.length > 0) {
    return `a ${VSCODE_LM_PROVIDER} model is billed per request: expected {"perRequest": USD between 0 and ${MAX_USD_PER_REQUEST}}, got ${describeValue(value)}`;
  }
  return {
    input: 0,
    cachedInput: 0,
    output: 0,
    perRequest: Math.round(usd * 1_000_000),
    since: typeof value.since === 'string' ? value.since : 'settings',
    source: 'settings',
  };
}

function validateBaseline(value: unknown, problems: string[]): ModelRef {
  const fallback = parseModelRef(DEFAULT_BASELINE_REF) as ModelRef;
  if (value === undefined || value === null || value === '') return fallback;
  const ref = typeof value === 'string' ? parseModelRef(value) : undefined;
  if (!ref) problems.push(`triage.baselineModel: ${describeValue(value)} is not provider:model — using ${DEFAULT_BASELINE_REF}`);
  return ref ?? fallback;
}
