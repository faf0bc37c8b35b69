// The model list Triage offers to vscode.lm: five entries, limits and capabilities from the models each reaches.
import * as assert from 'node:assert/strict';
import { lmModelList, modelCapabilities, type ModelCapabilities } from '../../../../src/core/lm/lmModelList';
import type { PoolsConfig } from '../../../../src/core/pools/poolsConfig';
import type { ModelRef } from '../../../../src/core/request';

const ref = (s: string): ModelRef => {
  const i = s.indexOf(':');
  return { provider: s.slice(0, i), model: s.slice(i + 1) } as ModelRef;
};

const config: PoolsConfig = {
  pools: {
    local: [ref('ollama:small')],
    quick: [ref('deepseek:flash')],
    coding: [ref('anthropic:sonnet'), ref('openai:sol')],
    reasoning: [],
  },
  fallback: ref('ollama:small'),
  models: { 'anthropic:sonnet': { contextWindow: 200_000 }, 'ollama:small': { contextWindow: 8_192 } },
};

const facts: Record<string, ModelCapabilities> = {
  'anthropic:sonnet': { toolCalling: true, imageInput: true },
  'deepseek:flash': { toolCalling: true },
};

const list = () =>
  lmModelList(config, { capabilities: (r) => facts[r], defaultContextWindow: 32_768, maxOutputTokens: 8_192 });

describe('core/lm/lmModelList', () => {
  it('offers Triage Auto and one model per pool, in that order', () => {
    assert.deepEqual(
      list().map((m) => [m.id, m.name]),
      [['auto', 'Triage Auto'], ['local', 'Triage · local'], ['quick', 'Triage · quick'], ['coding', 'Triage · coding'], ['reasoning', 'Triage · reasoning']],
    );
  });

  it('each pool reaches its models then the fallback, once each; Auto reaches every model', () => {
    const byId = Object.fromEntries(list().map((m) => [m.id, m.reaches]));
    assert.deepEqual(byId.coding, ['anthropic:sonnet', 'openai:sol', 'ollama:small']);
    assert.deepEqual(byId.local, ['ollama:small']);
    assert.deepEqual(byId.reasoning, ['ollama:small']);
    assert.deepEqual(byId.auto, ['ollama:small', 'deepseek:flash', 'anthropic:sonnet', 'openai:sol']);
  });

  it('takes the largest window it can reach, keeping the output share out of the input', () => {
    const byId = Object.fromEntries(list().map((m) => [m.id, m]));
    assert.equal(byId.coding.maxOutputTokens, 8_192);
    assert.equal(byId.coding.maxInputTokens, 200_000 - 8_192);
    // A small local window: output is capped at half of it, so some input always fits.
    assert.equal(byId.local.maxOutputTokens, 4_096);
    assert.equal(byId.local.maxInputTokens, 4_096);
    // An unconfigured model counts with the default window.
    assert.equal(byId.quick.maxInputTokens, 32_768 - 8_192);
  });

  it('advertises a capability when some reachable model has it, and never on unknown facts', () => {
    const byId = Object.fromEntries(list().map((m) => [m.id, m]));
    assert.deepEqual([byId.coding.toolCalling, byId.coding.imageInput], [true, true]);
    assert.deepEqual([byId.quick.toolCalling, byId.quick.imageInput], [true, false]);
    assert.deepEqual([byId.local.toolCalling, byId.local.imageInput], [false, false]);
    assert.deepEqual([byId.auto.toolCalling, byId.auto.imageInput], [true, true]);
  });

  it('reads the tools and images facts of triage.models; a model with none has no capabilities', () => {
    const withFacts = { ...config, models: { ...config.models, 'openai:sol': { tools: true, images: false } } };
    const read = modelCapabilities(withFacts);
    assert.deepEqual(read('openai:sol'), { toolCalling: true, imageInput: false });
    assert.deepEqual(read('anthropic:sonnet'), { toolCalling: false, imageInput: false });
    assert.equal(read('deepseek:flash'), undefined);
  });
});
