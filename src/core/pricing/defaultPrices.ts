// The shipped price table (shared/PROTOCOLS.md §4, late 2026), each entry dated and sourced; settings override it.

import { usdPerMillion } from './price';
import type { PriceEntry, PriceTable, Rates } from './price';

function rates(input: number, cachedInput: number, output: number, cacheWrite?: number): Rates {
  return {
    input: usdPerMillion(input),
    cachedInput: usdPerMillion(cachedInput),
    output: usdPerMillion(output),
    ...(cacheWrite === undefined ? {} : { cacheWrite: usdPerMillion(cacheWrite) }),
  };
}

function entry(input: number, cachedInput: number, output: number, since: string, source: string, cacheWrite?: number): PriceEntry {
  return { ...rates(input, cachedInput, output, cacheWrite), since, source };
}

/** Anthropic bills a 5-minute cache write at 1.25× the input price (shared/PROTOCOLS.md §4). */
const ANTHROPIC_WRITE = 1.25;

const COPILOT_TABLE = 'github/docs Copilot price table, stored copy, undated (checked 2026-11-23) [3p]';
const GPT6 = 'LiteLLM blog 2026-09-22; codex-usage notes 2026-09-23 [3p]';
/** DeepSeek peak: Mon–Fri 01–04 and 06–10 UTC (09–12, 14–18 Beijing); Chinese holidays not modelled (billed as peak). */
const DEEPSEEK_PEAK_HOURS = [
  [1, 4],
  [6, 10],
] as const;
const DEEPSEEK = 'api-docs.deepseek.com/quick_start/pricing, Oct–Nov 2026 [doc]';

/**
 * List prices for the models the default pools use, and a few common others.
 * Where a cached price is UNVERIFIED the higher cited figure, or the input price, is used: never undercount.
 */
export const DEFAULT_PRICES: PriceTable = {
  'openai:gpt-6-sol': {
    ...entry(2, 0.2, 10, '2026-09-22', GPT6, 2.5),
    longPrompt: { ...rates(4, 0.4, 15, 5), aboveInputTokens: 272_000 },
  },
  'openai:gpt-6-luna': entry(0.1, 0.01, 0.5, '2026-09-22', GPT6, 0.125),
  'openai:gpt-5.5': entry(5, 0.5, 30, '2026-11-23', COPILOT_TABLE),
  'openai:gpt-5.4': entry(2.5, 0.25, 15, '2026-05', `${COPILOT_TABLE}; api-evangelist 2026-05 [3p]`),
  'openai:gpt-5.4-mini': entry(0.75, 0.075, 4.5, '2026-05', `${COPILOT_TABLE}; api-evangelist 2026-05 [3p]`),
  'openai:gpt-5': entry(1.25, 0.625, 10, '2026-03', 'openai-cost crate 2026-Q2; deploybase 2026-03 [3p]; cached UNVERIFIED (0.125 or 0.625 cited), higher used'),
  'openai:gpt-5-mini': entry(0.25, 0.025, 2, '2026-11-23', COPILOT_TABLE),
  'openai:gpt-4.1': entry(2, 0.5, 8, '2026-06-21', `${COPILOT_TABLE}; tokenmath 2026-06-21 [3p]`),
  'openai:gpt-4.1-mini': entry(0.4, 0.1, 1.6, '2026-06-21', 'tokenmath 2026-06-21; Vercel AI Gateway [3p]'),
  'openai:gpt-4o-mini': entry(0.15, 0.075, 0.6, '2026-11-23', '2026 third-party pages citing OpenAI pricing [3p]'),
  'openai:o3': entry(2, 2, 8, '2026-03', 'deploybase 2026-03 [3p]; cached UNVERIFIED, input price used'),
  'openai:o4-mini': entry(1.1, 1.1, 4.4, '2026-03', 'deploybase 2026-03 [3p]; cached UNVERIFIED, input price used'),
  'anthropic:claude-opus-5-5': entry(4, 0.2, 20, '2026-09-23', 'platform.claude.com model pages [doc]; cache read PromptFuel 2026-09-23 [3p]', 4 * ANTHROPIC_WRITE),
  'anthropic:claude-opus-5': entry(5, 0.5, 25, '2026-11-23', 'platform.claude.com models/opus-5 [doc]', 5 * ANTHROPIC_WRITE),
  'anthropic:claude-sonnet-5-5': entry(2, 0.1, 10, '2026-10-07', 'platform.claude.com model page [doc]; cache read cut 2026-10-07 per claudit, PromptFuel [3p]', 2 * ANTHROPIC_WRITE),
  'anthropic:claude-haiku-5-5': {
    ...entry(0.1, 0.01, 0.5, '2026-11-23', 'platform.claude.com "from $0.10/$0.50" [doc]; long-prompt tier [3p]', 0.1 * ANTHROPIC_WRITE),
    longPrompt: { ...rates(0.5, 0.05, 2.5, 0.5 * ANTHROPIC_WRITE), aboveInputTokens: 100_000 },
  },
  'anthropic:claude-haiku-4-5': entry(1, 0.1, 5, '2026-11-23', 'platform.claude.com pricing [doc]', 1 * ANTHROPIC_WRITE),
  'deepseek:deepseek-flash': {
    ...entry(0.15, 0.003, 0.6, '2026-11-23', DEEPSEEK),
    peak: { utcHours: DEEPSEEK_PEAK_HOURS, rates: rates(0.3, 0.006, 1.2) },
  },
  'deepseek:deepseek-v4-pro': {
    ...entry(0.66, 0.022, 1.98, '2026-11-23', DEEPSEEK),
    peak: { utcHours: DEEPSEEK_PEAK_HOURS, rates: rates(1.32, 0.044, 3.96) },
  },
};
