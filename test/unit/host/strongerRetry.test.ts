// "Ask a stronger model": the next pool up (the top pool stays), never a model that already answered.

import * as assert from 'node:assert/strict';
import { answeredModels, strongerRetry } from '../../../src/host/answerMeta';
import { validatePoolsSettings } from '../../../src/core/pools/validatePools';
import type { RouteResult } from '../../../src/core/routeTypes';

const PROVIDERS = { known: ['ollama', 'deepseek', 'openai', 'anthropic'], local: ['ollama'] };
const POOLS = validatePoolsSettings(
  {
    pools: {
      local: ['ollama:qwen2.5-coder:7b'],
      quick: ['deepseek:deepseek-flash'],
      coding: ['deepseek:deepseek-v4-pro', 'anthropic:claude-sonnet-5-5'],
      reasoning: ['deepseek:deepseek-v4-pro', 'openai:gpt-6-sol'],
    },
  },
  PROVIDERS,
).value;

describe('host/strongerRetry', () => {
  it('goes one pool up and passes over the model that answered', () => {
    assert.deepEqual(strongerRetry(POOLS, 'coding', ['deepseek:deepseek-v4-pro']), { pool: 'reasoning', avoidModels: ['deepseek:deepseek-v4-pro'] });
    assert.deepEqual(strongerRetry(POOLS, 'local', ['ollama:qwen2.5-coder:7b']), { pool: 'quick', avoidModels: ['ollama:qwen2.5-coder:7b'] });
  });

  it('stays in the top pool while it has a model that has not answered', () => {
    assert.deepEqual(strongerRetry(POOLS, 'reasoning', ['deepseek:deepseek-v4-pro']), { pool: 'reasoning', avoidModels: ['deepseek:deepseek-v4-pro'] });
  });

  it('offers nothing once every model of the pool and above has answered', () => {
    assert.equal(strongerRetry(POOLS, 'reasoning', ['deepseek:deepseek-v4-pro', 'openai:gpt-6-sol']), undefined);
  });

  it('collects every model that answered across retries, once each', () => {
    const served = { servedBy: 'openai:gpt-6-sol' } as RouteResult;
    const failed = { servedBy: undefined } as unknown as RouteResult;
    assert.deepEqual(answeredModels(served, ['deepseek:deepseek-v4-pro']), ['deepseek:deepseek-v4-pro', 'openai:gpt-6-sol']);
    assert.deepEqual(answeredModels(failed, ['deepseek:deepseek-v4-pro']), ['deepseek:deepseek-v4-pro']);
    assert.deepEqual(strongerRetry(POOLS, 'coding', ['deepseek:deepseek-v4-pro', 'deepseek:deepseek-v4-pro'])?.avoidModels, ['deepseek:deepseek-v4-pro']);
  });
});
