// Prices in integer micro-dollars: cached tokens, tiers, unpriced models, local models, and settings overrides.

import { strict as assert } from 'node:assert';
import { DEFAULT_PRICES } from '../../../../src/core/pricing/defaultPrices';
import { estimateInputTokens, estimateTokens, IMAGE_TOKENS } from '../../../../src/core/pricing/estimateTokens';
import { costMicros, usdPerMillion } from '../../../../src/core/pricing/price';
import { baselineCost, estimateCallCost, priceCall } from '../../../../src/core/pricing/pricing';
import { validatePricingSettings } from '../../../../src/core/pricing/validatePricing';
import { DEFAULT_POOL_REFS } from '../../../../src/core/pools/poolsConfig';

const SUNDAY = Date.UTC(2026, 10, 22, 12);
const MONDAY_PEAK = Date.UTC(2026, 10, 23, 2);
const usage = (inputTokens: number, cachedInputTokens: number, outputTokens: number) => ({ inputTokens, cachedInputTokens, outputTokens });
const ref = (text: string) => ({ provider: text.split(':')[0] as string, model: text.slice(text.indexOf(':') + 1) });

describe('pricing', () => {
  it('converts USD per 1M tokens to integer micro-dollars per 1M', () => {
    assert.equal(usdPerMillion(2), 2_000_000);
    assert.equal(usdPerMillion(0.003), 3_000);
    assert.equal(usdPerMillion(0.1), 100_000);
  });

  it('prices input, cached input and output separately, exactly', () => {
    const sonnet = DEFAULT_PRICES['anthropic:claude-sonnet-5-5'];
    assert.ok(sonnet);
    // 10,000 × $2 + 50,000 × $0.10 + 2,000 × $10 per 1M = 20,000 + 5,000 + 20,000 µ$.
    assert.equal(costMicros(sonnet, usage(10_000, 50_000, 2_000)), 45_000);
  });

  it('bills input written to the prompt cache at the write price (Anthropic: 1.25 × input)', () => {
    const sonnet = DEFAULT_PRICES['anthropic:claude-sonnet-5-5'];
    assert.ok(sonnet);
    // 10,000 input of which 8,000 written: 2,000 × $2 + 8,000 × $2.50 per 1M = 4,000 + 20,000 µ$; + 1,000 output × $10 = 10,000.
    assert.equal(costMicros(sonnet, { ...usage(10_000, 0, 1_000), cacheWriteInputTokens: 8_000 }), 34_000);
    // A model without a write price bills writes as input.
    const flash = DEFAULT_PRICES['deepseek:deepseek-flash'];
    assert.ok(flash);
    assert.equal(costMicros(flash, { ...usage(10_000, 0, 0), cacheWriteInputTokens: 8_000 }), costMicros(flash, usage(10_000, 0, 0)));
    // Written tokens are capped at the input count: 1,000 written at $2.50, not 5,000.
    assert.equal(costMicros(sonnet, { ...usage(1_000, 0, 0), cacheWriteInputTokens: 5_000 }), 2_500);
  });

  it('estimates a call that caches its prompt at the cache-write price, so budgets hold', () => {
    const at = SUNDAY;
    // Sonnet: 10,000 input at $2.50 (write) + 1,000 output at $10 = 25,000 + 10,000 µ$; without caching $2 input.
    assert.equal(estimateCallCost(DEFAULT_PRICES, ref('anthropic:claude-sonnet-5-5'), false, 10_000, 1_000, at, true).micros, 35_000);
    assert.equal(estimateCallCost(DEFAULT_PRICES, ref('anthropic:claude-sonnet-5-5'), false, 10_000, 1_000, at).micros, 30_000);
    // DeepSeek has no write premium: input at $0.15 either way.
    assert.equal(estimateCallCost(DEFAULT_PRICES, ref('deepseek:deepseek-flash'), false, 10_000, 0, at, true).micros, 1_500);
  });

  it('keeps the shipped write premium when an override gives no cacheWrite', () => {
    const { value } = validatePricingSettings({ prices: { 'anthropic:claude-sonnet-5-5': { input: 3, output: 15 }, 'x:y': { input: 1, output: 2 } } });
    assert.equal(value.prices['anthropic:claude-sonnet-5-5']?.cacheWrite, 3_750_000, '1.25 × the new $3 input');
    assert.equal(value.prices['x:y']?.cacheWrite, undefined, 'no shipped premium: writes bill as input');
  });

  it('takes a cacheWrite price from settings', () => {
    const { value, problems } = validatePricingSettings({ prices: { 'x:y': { input: 1, output: 2, cacheWrite: 1.25 } } });
    assert.deepEqual(problems, []);
    assert.equal(value.prices['x:y']?.cacheWrite, 1_250_000);
    assert.match(validatePricingSettings({ prices: { 'x:y': { input: 1, output: 2, cacheWrite: -1 } } }).problems.join(), /cacheWrite must be a number/);
  });

  it('rounds fractions of a micro-dollar half up, once per call', () => {
    const flash = DEFAULT_PRICES['deepseek:deepseek-flash'];
    assert.ok(flash);
    // 1 cached token at $0.003/1M = 0.003 µ$ → 0; 167 → 0.501 → 1.
    assert.equal(costMicros(flash, usage(0, 1, 0)), 0);
    assert.equal(costMicros(flash, usage(0, 167, 0)), 1);
    assert.ok(Number.isInteger(costMicros(flash, usage(123_457, 98_765, 4_321))));
  });

  it('stays exact for very large token counts', () => {
    const rates = { input: 1_000_000_000, cachedInput: 0, output: 1_000_000_000 };
    assert.equal(costMicros(rates, usage(10_000_000_000, 0, 10_000_000_000)), 20_000_000_000_000);
  });

  it('applies DeepSeek peak rates on weekday peak hours only', () => {
    const r = ref('deepseek:deepseek-flash');
    assert.equal(priceCall(DEFAULT_PRICES, r, false, usage(1_000_000, 0, 0), SUNDAY).micros, 150_000);
    assert.equal(priceCall(DEFAULT_PRICES, r, false, usage(1_000_000, 0, 0), MONDAY_PEAK).micros, 300_000);
  });

  it('bills the whole call at long-prompt rates above the threshold', () => {
    const r = ref('anthropic:claude-haiku-5-5');
    assert.equal(priceCall(DEFAULT_PRICES, r, false, usage(100_000, 0, 0), SUNDAY).micros, 10_000);
    assert.equal(priceCall(DEFAULT_PRICES, r, false, usage(90_000, 20_000, 1_000), SUNDAY).micros, 45_000 + 1_000 + 2_500);
  });

  it('reports a paid model without a price as unpriced, not free; local models cost 0', () => {
    assert.deepEqual(priceCall(DEFAULT_PRICES, ref('openai:gpt-unknown'), false, usage(10, 0, 10), SUNDAY), { micros: 0, unpriced: true });
    assert.deepEqual(priceCall(DEFAULT_PRICES, ref('ollama:qwen2.5-coder:7b'), true, usage(10_000, 0, 10_000), SUNDAY), { micros: 0, unpriced: false });
  });

  it('estimates with full input price and the output cap', () => {
    const est = estimateCallCost(DEFAULT_PRICES, ref('anthropic:claude-opus-5-5'), false, 1_000, 4_096, SUNDAY);
    assert.deepEqual(est, { micros: 4_000 + 81_920, unpriced: false });
  });

  it('prices every paid model in the default pools', () => {
    const paid = Object.values(DEFAULT_POOL_REFS).flat().filter((r) => !r.startsWith('ollama:'));
    assert.deepEqual(paid.filter((r) => !DEFAULT_PRICES[r]), []);
    for (const entry of Object.values(DEFAULT_PRICES)) {
      assert.match(entry.since, /^\d{4}-\d{2}(-\d{2})?$/);
      assert.ok(entry.source.length > 5);
    }
  });
});

describe('validatePricingSettings', () => {
  it('adds and overrides prices; a missing cached price takes the input price', () => {
    const { value, problems } = validatePricingSettings({ prices: { 'openrouter:qwen-coder': { input: 0.2, output: 0.6 }, 'openai:gpt-6-luna': { input: 1, cachedInput: 0.5, output: 2 } } });
    assert.deepEqual(problems, []);
    assert.deepEqual(value.prices['openrouter:qwen-coder'], { input: 200_000, cachedInput: 200_000, output: 600_000, since: 'settings', source: 'settings' });
    assert.equal(value.prices['openai:gpt-6-luna']?.input, 1_000_000);
    assert.equal(value.prices['anthropic:claude-opus-5-5']?.output, 20_000_000, 'defaults kept');
  });

  it('reports bad entries by setting name and ignores them', () => {
    const { value, problems } = validatePricingSettings({ prices: { 'openai:x': { input: -1, output: 2 }, nope: { input: 1, output: 1 }, 'openai:y': 'cheap' } });
    assert.equal(value.prices['openai:x'], undefined);
    assert.deepEqual(problems, [
      'triage.prices.openai:x: input must be a number of USD per 1M tokens between 0 and 1000, got -1 — ignored',
      "triage.prices: 'nope' is not provider:model — ignored",
      "triage.prices.openai:y: expected {\"input\": n, \"output\": n, \"cachedInput\"?: n, \"cacheWrite\"?: n} in USD per 1M tokens, got 'cheap' — ignored",
    ]);
  });

  it('validates the baseline model and says when it has no price', () => {
    assert.deepEqual(validatePricingSettings({}).value.baseline, { provider: 'anthropic', model: 'claude-opus-5-5' });
    const custom = validatePricingSettings({ baselineModel: 'openai:gpt-6-sol' });
    assert.deepEqual(custom.value.baseline, { provider: 'openai', model: 'gpt-6-sol' });
    assert.equal(baselineCost(custom.value, usage(100_000, 0, 0), SUNDAY), 200_000);
    assert.equal(baselineCost(custom.value, usage(300_000, 0, 0), SUNDAY), 1_200_000, 'long-prompt rate above 272K');
    assert.deepEqual(validatePricingSettings({ baselineModel: 'x:y' }).problems, ["triage.baselineModel: 'x:y' has no price, so savings show as 0 — add it to triage.prices"]);
    assert.match(validatePricingSettings({ baselineModel: 'opus' }).problems[0] ?? '', /^triage\.baselineModel: 'opus' is not provider:model/);
  });
});

describe('estimateTokens', () => {
  it('counts short words as one token and long ones per 4 characters', () => {
    assert.equal(estimateTokens('hello world'), 2);
    assert.equal(estimateTokens('internationalisation'), 5);
  });

  it('counts punctuation and whitespace runs but not single spaces', () => {
    assert.equal(estimateTokens('const x = 1;'), 5);
    assert.equal(estimateTokens('a\n    b'), 3);
    assert.equal(estimateTokens(''), 0);
  });

  it('counts each character of a script without spaces (CJK, kana, Hangul) as a token, not one long word', () => {
    assert.equal(estimateTokens('这个函数为什么会返回空值'), 12);
    assert.equal(estimateTokens('関数を書いてください'), 10);
    assert.equal(estimateTokens('함수를 작성해'), 6);
    assert.equal(estimateTokens('naïve café'), 2, 'accented Latin letters stay inside their words');
    assert.equal(estimateTokens('解释 foo()'), 5);
  });

  it('lands near chars/4 or above on code', () => {
    const code = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n'.repeat(20);
    const estimate = estimateTokens(code);
    assert.ok(estimate >= code.length / 4, `${estimate} vs ${code.length / 4}`);
    assert.ok(estimate <= code.length / 2);
  });

  it('counts a message by its parts as sent: tool results, tool-call arguments and images', () => {
    const result = 'export function add(a: number, b: number): number { return a + b; }\n'.repeat(10);
    const plain = estimateInputTokens(undefined, [{ role: 'user', content: '' }]);
    const withResult = estimateInputTokens(undefined, [{ role: 'user', content: '', parts: [{ type: 'tool-result', callId: 'c', content: result }] }]);
    assert.ok(withResult - plain >= estimateTokens(result), `${withResult} vs ${plain}`);
    const call = estimateInputTokens(undefined, [{ role: 'assistant', content: '', parts: [{ type: 'tool-call', callId: 'c', name: 'write', input: { text: result } }] }]);
    assert.ok(call - plain >= estimateTokens(result));
    const image = estimateInputTokens(undefined, [{ role: 'user', content: '', parts: [{ type: 'image', mimeType: 'image/png', data: new Uint8Array(8) }] }]);
    assert.equal(image - plain, IMAGE_TOKENS);
  });
});
