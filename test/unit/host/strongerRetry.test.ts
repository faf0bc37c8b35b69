// "Ask a stronger model": the next pool up (the top pool stays), never a model that answered or costs less.

import * as assert from 'node:assert/strict';
import { answeredModels, strongerRetry } from '../../../src/host/answerMeta';
import { DEFAULT_PRICES } from '../../../src/core/pricing/defaultPrices';
import { validatePoolsSettings } from '../../../src/core/pools/validatePools';
import type { RouteResult } from '../../../src/core/routeTypes';

const PROVIDERS = { known: ['ollama', 'deepseek', 'openai', 'anthropic'], local: ['ollama'] };
/** The shipped shape: cheapest strong model first in coding and reasoning. */
const POOLS = validatePoolsSettings(
  {
    pools: {
      local: ['ollama:qwen2.5-coder:7b'],
      quick: ['deepseek:deepseek-flash'],
      coding: ['deepseek:deepseek-v4-pro', 'anthropic:claude-sonnet-5-5'],
      reasoning: ['deepseek:deepseek-v4-pro', 'openai:gpt-6-sol', 'anthropic:claude-opus-5-5'],
    },
  },
  PROVIDERS,
).value;
const V4 = 'deepseek:deepseek-v4-pro';
const SONNET = 'anthropic:claude-sonnet-5-5';
const SOL = 'openai:gpt-6-sol';
const OPUS = 'anthropic:claude-opus-5-5';

describe('host/strongerRetry', () => {
  it('goes one pool up and passes over the model that answered', () => {
    assert.deepEqual(strongerRetry(POOLS, DEFAULT_PRICES, { pool: 'coding', answeredBy: [V4] }), { pool: 'reasoning', avoidModels: [V4] });
    assert.deepEqual(strongerRetry(POOLS, DEFAULT_PRICES, { pool: 'local', answeredBy: ['ollama:qwen2.5-coder:7b'] }), {
      pool: 'quick',
      avoidModels: ['ollama:qwen2.5-coder:7b'],
    });
  });

  it('passes over models cheaper than the last answer, though they come first in the pool', () => {
    // Sonnet answered (V4 Pro was down): V4 Pro, first in reasoning, is not stronger.
    assert.deepEqual(strongerRetry(POOLS, DEFAULT_PRICES, { pool: 'coding', answeredBy: [SONNET] })?.avoidModels, [SONNET, V4]);
    // Sol answered in reasoning: only Opus is left.
    assert.deepEqual(strongerRetry(POOLS, DEFAULT_PRICES, { pool: 'reasoning', answeredBy: [SOL] }), { pool: 'reasoning', avoidModels: [SOL, V4] });
  });

  it('offers nothing above the priciest model, or once every stronger model has answered', () => {
    assert.equal(strongerRetry(POOLS, DEFAULT_PRICES, { pool: 'reasoning', answeredBy: [OPUS] }), undefined);
    assert.equal(strongerRetry(POOLS, DEFAULT_PRICES, { pool: 'reasoning', answeredBy: [V4, SOL, OPUS] }), undefined);
  });

  it('keeps a model without a price (it cannot be ranked)', () => {
    const pools = validatePoolsSettings({ pools: { reasoning: ['openai:my-finetune'] } }, PROVIDERS).value;
    assert.deepEqual(strongerRetry(pools, DEFAULT_PRICES, { pool: 'reasoning', answeredBy: [OPUS] }), { pool: 'reasoning', avoidModels: [OPUS] });
  });

  it('lists every model that answered across retries once, the latest last', () => {
    const served = { servedBy: SOL } as RouteResult;
    const failed = { servedBy: undefined } as unknown as RouteResult;
    assert.deepEqual(answeredModels(served, [V4]), [V4, SOL]);
    assert.deepEqual(answeredModels(served, [SOL, V4]), [V4, SOL]);
    assert.deepEqual(answeredModels(failed, [V4]), [V4]);
  });
});
