// Escalation to higher pools and the local fallback, streaming rules, and context-window preferences.

import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../../src/core/providerError';
import type { RouteEvent } from '../../../../src/core/routeTypes';
import { FakeClock, FakeProvider, makeHarness, path } from '../routingFakes';

const down = (kind: 'unavailable' | 'timeout' = 'unavailable') => ({ throws: new ProviderError(kind, kind) });

describe('cascade: escalation and fallback', () => {
  it('escalates to the next higher pool, then to the local fallback', async () => {
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': down() });
    const openai = new FakeProvider('openai', false, { 'gpt-6-luna': down() });
    const anthropic = new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': down(), 'claude-opus-5-5': down() });
    const ollama = new FakeProvider('ollama', true, { small: { text: 'never' }, fallback: { text: 'from fallback' } });
    const h = makeHarness({ providers: [deepseek, openai, anthropic, ollama] });
    const r = await h.route({});
    assert.deepEqual(path(r.attempts), [
      'deepseek:deepseek-flash=unavailable',
      'openai:gpt-6-luna=unavailable',
      'anthropic:claude-sonnet-5-5=unavailable',
      'anthropic:claude-opus-5-5=skipped-rate-limit', // the provider was just unreachable: not called again
      'ollama:fallback=ok',
    ]);
    assert.deepEqual(r.attempts.map((a) => a.pool), ['quick', 'quick', 'coding', 'reasoning', 'fallback']);
    assert.equal(ollama.callsTo('small'), 0, 'lower pools are not part of escalation');
    assert.equal(r.servedPool, 'fallback');
    assert.equal(r.escalated, true);
    assert.equal(r.costMicros, 0);
    assert.equal(r.outcome, 'ok');
  });

  it('fails with the path named when every model fails', async () => {
    const fail = { throws: new ProviderError('unavailable', 'down') };
    const h = makeHarness({
      providers: [
        new FakeProvider('deepseek', false, { 'deepseek-flash': fail }),
        new FakeProvider('openai', false, { 'gpt-6-luna': fail }),
        new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': fail, 'claude-opus-5-5': fail }),
        new FakeProvider('ollama', true, { fallback: fail }),
      ],
    });
    const r = await h.route({});
    assert.equal(r.outcome, 'failed');
    assert.match(r.failure ?? '', /^No model could answer this request\. Tried: deepseek:deepseek-flash \(unavailable\)/);
    assert.equal(h.ledger.records[0]?.outcome, 'failed');
    assert.equal(h.ledger.records[0]?.servedBy, null);
  });

  it('tries a model only once per request even when it sits in several pools', async () => {
    const anthropic = new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': down(), 'claude-opus-5-5': down() });
    const ollama = new FakeProvider('ollama', true, { fallback: { text: 'ok' } });
    const h = makeHarness({ providers: [anthropic, ollama], pools: { quick: [], coding: ['anthropic:claude-sonnet-5-5'], reasoning: ['anthropic:claude-sonnet-5-5', 'anthropic:claude-opus-5-5'] } });
    const r = await h.route({ explicitPool: 'coding' });
    assert.equal(anthropic.callsTo('claude-sonnet-5-5'), 1);
    assert.deepEqual(path(r.attempts), ['anthropic:claude-sonnet-5-5=unavailable', 'anthropic:claude-opus-5-5=skipped-rate-limit', 'ollama:fallback=ok']);
  });

  it('skips an unreachable cloud provider for a while, but never the local fallback', async () => {
    const clock = new FakeClock();
    const anthropic = new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': down(), 'claude-opus-5-5': { text: 'opus' } });
    const ollama = new FakeProvider('ollama', true, { small: down(), fallback: { text: 'from fallback' } });
    const pools = { local: ['ollama:small'], quick: [], coding: ['anthropic:claude-sonnet-5-5'], reasoning: ['anthropic:claude-opus-5-5'] };
    const h = makeHarness({ providers: [anthropic, ollama], pools, clock });
    const first = await h.route({ explicitPool: 'coding' });
    assert.deepEqual(path(first.attempts), ['anthropic:claude-sonnet-5-5=unavailable', 'anthropic:claude-opus-5-5=skipped-rate-limit', 'ollama:fallback=ok']);
    assert.equal(anthropic.callsTo('claude-opus-5-5'), 0);
    const local = await h.route({ explicitPool: 'local' });
    const steps = path(local.attempts);
    assert.equal(steps[0], 'ollama:small=unavailable');
    assert.equal(steps.at(-1), 'ollama:fallback=ok', 'a local failure does not block the local provider');
    clock.advance(10_001);
    const later = await h.route({ explicitPool: 'reasoning' });
    assert.equal(later.servedBy, 'anthropic:claude-opus-5-5', 'called again once the window has passed');
  });
});

describe('cascade: streaming', () => {
  function chatSetup() {
    const clock = new FakeClock();
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { throws: new ProviderError('timeout', 't'), afterDeltas: ['Hel', 'lo'] } });
    const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: ['```ts\n', 'f(y)\n', '```'] } });
    const ollama = new FakeProvider('ollama', true, { fallback: { text: 'fb' } });
    return { h: makeHarness({ providers: [deepseek, openai, new FakeProvider('anthropic', false, {}), ollama], clock }), openai, ollama };
  }

  it('never falls back after a chat delta reached the user: fails visibly with the partial text', async () => {
    const { h, openai, ollama } = chatSetup();
    const r = await h.route({ kind: 'chat' });
    assert.equal(r.outcome, 'failed');
    assert.equal(r.text, 'Hello');
    assert.match(r.failure ?? '', /broke off \(timeout\) after it had begun/);
    assert.equal(openai.calls.length + ollama.calls.length, 0);
    const deltas = h.events.filter((e): e is Extract<RouteEvent, { type: 'delta' }> => e.type === 'delta').map((e) => e.text);
    assert.deepEqual(deltas, ['Hel', 'lo']);
  });

  it('holds edit output back, so a mid-stream failure can still fall back', async () => {
    const { h, openai } = chatSetup();
    const r = await h.route({ kind: 'edit', selection: 'f(x)', languageId: 'typescript' });
    assert.equal(r.outcome, 'ok');
    assert.equal(openai.calls.length, 1);
    assert.equal(h.events.some((e) => e.type === 'delta'), false, 'edits are not streamed');
    assert.equal(r.answer?.kind === 'edit' && r.answer.replacement, 'f(y)');
  });

  it('fails visibly when the content filter stops a chat that already streamed', async () => {
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: ['Some text'], finishReason: 'content-filter' } });
    const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'x' } });
    const h = makeHarness({ providers: [deepseek, openai, new FakeProvider('anthropic', false, {}), new FakeProvider('ollama', true, {})] });
    const r = await h.route({ kind: 'chat' });
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=refusal']);
    assert.equal(openai.calls.length, 0);
  });

  it('measures time to first token and latency on the injected clock', async () => {
    const clock = new FakeClock();
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: ['a', 'b'], takesMs: 120 } }, clock);
    const h = makeHarness({ providers: [deepseek, new FakeProvider('openai', false, {}), new FakeProvider('anthropic', false, {}), new FakeProvider('ollama', true, {})], clock });
    const r = await h.route({ kind: 'chat' });
    assert.equal(r.ttftMs, 120);
    assert.equal(r.latencyMs, 240);
    assert.equal(r.attempts[0]?.ms, 240);
    assert.equal(h.ledger.records[0]?.ttftMs, 120);
  });

  it('emits classified, attempt-start, deltas and attempt-end in order', async () => {
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: ['a', 'b'] } });
    const h = makeHarness({ providers: [deepseek, new FakeProvider('openai', false, {}), new FakeProvider('anthropic', false, {}), new FakeProvider('ollama', true, {})] });
    await h.route({ kind: 'chat' });
    assert.deepEqual(h.events.map((e) => e.type), ['classified', 'attempt-start', 'delta', 'delta', 'attempt-end']);
    assert.deepEqual(h.events[1], { type: 'attempt-start', model: 'deepseek:deepseek-flash', pool: 'quick' });
  });
});

describe('cascade: context windows', () => {
  const huge = 'word '.repeat(20_000);

  it('skips a model whose known window is too small without calling it', async () => {
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'x' } });
    const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'big' } });
    const h = makeHarness({
      providers: [deepseek, openai, new FakeProvider('anthropic', false, {}), new FakeProvider('ollama', true, {})],
      models: { 'deepseek:deepseek-flash': { contextWindow: 8_000 } },
    });
    const r = await h.route({ kind: 'chat', instruction: huge });
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=skipped-context', 'openai:gpt-6-luna=ok']);
    assert.equal(deepseek.calls.length, 0);
  });

  it('after context-too-long prefers a model with a larger known window and skips smaller ones', async () => {
    const { h, openai } = overflowHarness({
      'deepseek:deepseek-flash': 32_000, 'anthropic:claude-haiku-5-5': 32_000, 'anthropic:claude-sonnet-5-5': 1_000_000,
    });
    const r = await h.route({ kind: 'chat' });
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=context-too-long', 'anthropic:claude-sonnet-5-5=ok']);
    assert.equal(openai.calls.length, 0);
  });
});

/** A quick pool whose first model overflows; `windows` are the known context windows. */
function overflowHarness(windows: Record<string, number>) {
  const tooLong = { throws: new ProviderError('context-too-long', 'too long') };
  const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': tooLong });
  const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'luna' } });
  const anthropic = new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': { text: 'sonnet' }, 'claude-haiku-5-5': { text: 'haiku' } });
  const models = Object.fromEntries(Object.entries(windows).map(([ref, contextWindow]) => [ref, { contextWindow }]));
  const h = makeHarness({
    providers: [deepseek, openai, anthropic, new FakeProvider('ollama', true, {})],
    pools: { quick: ['deepseek:deepseek-flash', 'anthropic:claude-haiku-5-5', 'openai:gpt-6-luna'] },
    models,
  });
  return { h, openai, anthropic };
}

describe('cascade: after a context overflow', () => {
  it('does not call a model whose known window is the same or smaller than the one that overflowed', async () => {
    const { h, openai, anthropic } = overflowHarness({
      'deepseek:deepseek-flash': 32_000, 'anthropic:claude-haiku-5-5': 32_000, 'openai:gpt-6-luna': 16_000,
    });
    const r = await h.route({ kind: 'chat' });
    const quick = path(r.attempts).slice(0, 3);
    assert.deepEqual(quick, ['deepseek:deepseek-flash=context-too-long', 'anthropic:claude-haiku-5-5=skipped-context', 'openai:gpt-6-luna=skipped-context']);
    assert.equal(anthropic.calls.filter((c) => c.model === 'claude-haiku-5-5').length, 0);
    assert.equal(openai.calls.filter((c) => c.model === 'gpt-6-luna').length, 0);
  });
});

describe('cascade: a retry that asks for a stronger model', () => {
  it('passes over the models that already answered, in the asked pool and above', async () => {
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-v4-pro': { text: 'again' } });
    const anthropic = new FakeProvider('anthropic', false, { 'claude-opus-5-5': { text: 'opus' } });
    const ollama = new FakeProvider('ollama', true, { fallback: { text: 'local' } });
    const h = makeHarness({ providers: [deepseek, anthropic, ollama], pools: { quick: [], reasoning: ['deepseek:deepseek-v4-pro', 'anthropic:claude-opus-5-5'] } });
    const r = await h.route({ explicitPool: 'reasoning', avoidModels: ['deepseek:deepseek-v4-pro'] });
    assert.deepEqual(path(r.attempts), ['anthropic:claude-opus-5-5=ok']);
    assert.equal(deepseek.callsTo('deepseek-v4-pro'), 0);
  });

  it('fails with the reasons instead of ending at the local fallback: a weaker answer is not what was asked', async () => {
    const anthropic = new FakeProvider('anthropic', false, { 'claude-opus-5-5': down() });
    const ollama = new FakeProvider('ollama', true, { fallback: { text: 'local again' } });
    const h = makeHarness({ providers: [anthropic, ollama], pools: { quick: [], coding: [] } });
    const r = await h.route({ explicitPool: 'reasoning', avoidModels: ['deepseek:deepseek-v4-pro'] });
    assert.deepEqual(path(r.attempts), ['anthropic:claude-opus-5-5=unavailable']);
    assert.equal(r.outcome, 'failed');
    assert.equal(ollama.callsTo('fallback'), 0);
    assert.match(r.failure ?? '', /claude-opus-5-5/);
  });
});

describe('cascade: per-model thinking', () => {
  it('passes a model\'s configured thinking switch on its calls only', async () => {
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { throws: new ProviderError('unavailable', 'down') } });
    const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'fine' } });
    const h = makeHarness({ providers: [deepseek, openai, new FakeProvider('ollama', true, {})], pools: { coding: [], reasoning: [] }, models: { 'deepseek:deepseek-flash': { thinking: 'off' } } });
    await h.route({ kind: 'chat', instruction: 'hi' });
    assert.equal(deepseek.calls[0]?.thinking, 'off');
    assert.equal(openai.calls[0]?.thinking, undefined);
  });
});

describe('cascade: prompt caching', () => {
  it('asks providers to cache a chat that has gone on, not a first question or an edit', async () => {
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'fine' } });
    const h = makeHarness({ providers: [deepseek, new FakeProvider('ollama', true, {})], pools: { quick: ['deepseek:deepseek-flash'], coding: [], reasoning: [] } });
    const earlier = [
      { role: 'user' as const, content: 'hi' },
      { role: 'assistant' as const, content: 'hello' },
    ];
    await h.route({ kind: 'chat', instruction: 'hi' });
    await h.route({ kind: 'chat', instruction: 'and then?', conversation: earlier });
    await h.route({ kind: 'edit', instruction: 'rename x', selection: 'let x = 1;' });
    assert.deepEqual(deepseek.calls.map((c) => c.cachePrompt === true), [false, true, false]);
  });
});
