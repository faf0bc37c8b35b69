// The pools settings validator: typed config from raw values, clear problems naming the setting, never a throw.

import { strict as assert } from 'node:assert';
import { DEFAULT_FALLBACK_REF, DEFAULT_MODEL_INFO, DEFAULT_POOL_REFS } from '../../../../src/core/pools/poolsConfig';
import { validatePoolsSettings } from '../../../../src/core/pools/validatePools';
import { formatModelRef } from '../../../../src/core/request';

const PROVIDERS = { known: ['ollama', 'openai', 'anthropic', 'deepseek'], local: ['ollama'] };
const refs = (list: readonly { provider: string; model: string }[]) => list.map(formatModelRef);

describe('validatePoolsSettings', () => {
  it('ships the defaults when nothing is set', () => {
    const { value, problems } = validatePoolsSettings({}, PROVIDERS);
    assert.deepEqual(problems, []);
    assert.deepEqual(refs(value.pools.local), DEFAULT_POOL_REFS.local);
    assert.deepEqual(refs(value.pools.quick), DEFAULT_POOL_REFS.quick);
    assert.deepEqual(refs(value.pools.coding), DEFAULT_POOL_REFS.coding);
    assert.deepEqual(refs(value.pools.reasoning), DEFAULT_POOL_REFS.reasoning);
    assert.equal(formatModelRef(value.fallback), 'ollama:qwen2.5-coder:7b');
    assert.deepEqual(value.pools.local[0], { provider: 'ollama', model: 'qwen2.5-coder:7b' });
  });

  it('keeps good entries and reports each bad one by setting name', () => {
    const { value, problems } = validatePoolsSettings(
      { pools: { coding: ['gpt5', 'openai:gpt-6-sol', 42, 'mystery:model', 'openai:gpt-6-sol'] } },
      PROVIDERS,
    );
    assert.deepEqual(refs(value.pools.coding), ['openai:gpt-6-sol']);
    assert.deepEqual(problems, [
      "triage.pools.coding: 'gpt5' is not provider:model — ignored",
      'triage.pools.coding: 42 is not provider:model — ignored',
      "triage.pools.coding: 'mystery:model' names provider 'mystery', which is not configured — ignored",
    ]);
  });

  it('falls back to a pool’s defaults when nothing in it is usable, or it is not a list', () => {
    const { value, problems } = validatePoolsSettings({ pools: { quick: ['nope'], reasoning: 'anthropic:claude-opus-5-5' } }, PROVIDERS);
    assert.deepEqual(refs(value.pools.quick), DEFAULT_POOL_REFS.quick);
    assert.deepEqual(refs(value.pools.reasoning), DEFAULT_POOL_REFS.reasoning);
    assert.deepEqual(problems, [
      "triage.pools.quick: 'nope' is not provider:model — ignored",
      'triage.pools.quick: no usable model — using defaults',
      "triage.pools.reasoning: expected a list of provider:model strings, got 'anthropic:claude-opus-5-5' — using defaults",
    ]);
  });

  it('honours a deliberately empty pool', () => {
    const { value, problems } = validatePoolsSettings({ pools: { reasoning: [] } }, PROVIDERS);
    assert.deepEqual(value.pools.reasoning, []);
    assert.deepEqual(problems, []);
  });

  it('reports unknown pool names and a non-object pools value', () => {
    assert.deepEqual(validatePoolsSettings({ pools: { fast: [] } }, PROVIDERS).problems, ['triage.pools.fast: not a pool (local, quick, coding, reasoning) — ignored']);
    assert.deepEqual(validatePoolsSettings({ pools: 'x' }, PROVIDERS).problems, ["triage.pools: expected an object of pool lists, got 'x' — using defaults"]);
  });

  it('leaves out default models of providers that are not configured', () => {
    const { value, problems } = validatePoolsSettings({}, { known: ['ollama', 'openai'], local: ['ollama'] });
    assert.deepEqual(refs(value.pools.quick), ['openai:gpt-6-luna']);
    assert.deepEqual(problems, []);
  });

  it('requires a local fallback', () => {
    const paid = validatePoolsSettings({ fallbackModel: 'openai:gpt-6-luna' }, PROVIDERS);
    assert.equal(formatModelRef(paid.value.fallback), 'ollama:qwen2.5-coder:7b');
    assert.deepEqual(paid.problems, ["triage.fallbackModel: 'openai:gpt-6-luna' is not a local model — using ollama:qwen2.5-coder:7b"]);
    const good = validatePoolsSettings({ fallbackModel: 'ollama:llama3.2:3b' }, PROVIDERS);
    assert.deepEqual(good.value.fallback, { provider: 'ollama', model: 'llama3.2:3b' });
    assert.deepEqual(validatePoolsSettings({ fallbackModel: 7 }, PROVIDERS).problems, ['triage.fallbackModel: 7 is not provider:model — using ollama:qwen2.5-coder:7b']);
  });

  it('reads context windows per model and reports bad ones', () => {
    const { value, problems } = validatePoolsSettings(
      { models: { 'openai:gpt-6-sol': { contextWindow: 400000 }, 'ollama:small': { contextWindow: -1 }, bad: {} } },
      PROVIDERS,
    );
    assert.deepEqual(value.models, { ...DEFAULT_MODEL_INFO, 'openai:gpt-6-sol': { ...DEFAULT_MODEL_INFO['openai:gpt-6-sol'], contextWindow: 400000 }, 'ollama:small': {} });
    assert.deepEqual(problems, [
      "triage.models.ollama:small.contextWindow: expected the model's context window as a whole number of tokens from 1024 to 10000000 (e.g. 32768), got -1 — no window is assumed",
      "triage.models: 'bad' is not provider:model — ignored",
    ]);
  });

  it('ships 32,768-token windows for the default local models; a bad window setting is named and drops only itself', () => {
    const shipped = validatePoolsSettings({}, PROVIDERS).value.models;
    assert.equal(shipped['ollama:qwen2.5-coder:7b']?.contextWindow, 32_768);
    assert.equal(shipped['ollama:qwen2.5:1.5b']?.contextWindow, 32_768);
    const set = validatePoolsSettings({ models: { 'ollama:qwen2.5-coder:7b': { contextWindow: 65_536 } } }, PROVIDERS).value.models;
    assert.deepEqual(set['ollama:qwen2.5-coder:7b'], { tools: true, images: false, contextWindow: 65_536 });
    for (const bad of ['32k', 32768.5, 0, 512, 20_000_000, null]) {
      const { value, problems } = validatePoolsSettings({ models: { 'ollama:qwen2.5-coder:7b': { contextWindow: bad, images: true } } }, PROVIDERS);
      assert.deepEqual(value.models['ollama:qwen2.5-coder:7b'], { tools: true, images: true, contextWindow: 32_768 }, String(bad));
      assert.equal(problems.length, 1, String(bad));
      assert.match(problems[0] ?? '', /^triage\.models\.ollama:qwen2\.5-coder:7b\.contextWindow: expected .* whole number of tokens from 1024 to 10000000 .*, got .* — using the shipped 32768$/);
    }
  });

  it('turns DeepSeek flash\'s default thinking off, and lets a user set thinking per model', () => {
    assert.deepEqual(validatePoolsSettings({}, PROVIDERS).value.models['deepseek:deepseek-flash'], { thinking: 'off', tools: true, images: true });
    const { value, problems } = validatePoolsSettings(
      { models: { 'deepseek:deepseek-flash': { thinking: 'on' }, 'ollama:qwen3:8b': { thinking: 'off', contextWindow: 32768 }, 'openai:x': { thinking: 'maybe' } } },
      PROVIDERS,
    );
    assert.deepEqual(value.models['deepseek:deepseek-flash'], { thinking: 'on', tools: true, images: true });
    // Setting another fact for the model keeps the shipped thinking switch (merged field by field).
    const withWindow = validatePoolsSettings({ models: { 'deepseek:deepseek-flash': { contextWindow: 128000 } } }, PROVIDERS).value;
    assert.deepEqual(withWindow.models['deepseek:deepseek-flash'], { thinking: 'off', tools: true, images: true, contextWindow: 128000 });
    assert.deepEqual(value.models['ollama:qwen3:8b'], { contextWindow: 32768, thinking: 'off' });
    assert.equal(value.models['openai:x'], undefined);
    assert.match(problems.join(), /triage\.models\.openai:x: expected .*"thinking"\?: "on" \| "off"/);
  });

  it('ships tool and image facts for the default models, and lets a user set them per model', () => {
    const shipped = validatePoolsSettings({}, PROVIDERS).value;
    for (const pool of Object.values(DEFAULT_POOL_REFS)) for (const ref of pool) assert.equal(typeof shipped.models[ref]?.tools, 'boolean', ref);
    assert.equal(typeof shipped.models[DEFAULT_FALLBACK_REF]?.images, 'boolean');
    assert.deepEqual(shipped.models['ollama:qwen2.5-coder:7b'], { tools: true, images: false, contextWindow: 32_768 });
    const { value, problems } = validatePoolsSettings(
      { models: { 'ollama:qwen2.5-coder:7b': { images: true }, 'ollama:llava:7b': { images: true, tools: false }, 'openai:x': { tools: 'yes' } } },
      PROVIDERS,
    );
    assert.deepEqual(value.models['ollama:qwen2.5-coder:7b'], { tools: true, images: true, contextWindow: 32_768 });
    assert.deepEqual(value.models['ollama:llava:7b'], { images: true, tools: false });
    assert.equal(value.models['openai:x'], undefined);
    assert.match(problems.join(), /triage\.models\.openai:x: expected .*"tools"\?: boolean/);
  });

  it('never throws on odd input', () => {
    for (const raw of [null, undefined, 0, [], { pools: null, models: [], fallbackModel: {} }]) {
      assert.doesNotThrow(() => validatePoolsSettings((raw ?? {}) as never, PROVIDERS));
    }
  });
});
