// The exact response cache through the router over fakes: hits at $0, every reason to miss, never-cache cases, LRU, corrupt entries.

import { strict as assert } from 'node:assert';
import { cacheKeyHash } from '../../../../src/core/cache/cacheKey';
import { MemoryCacheStore } from '../../../../src/core/cache/memoryCacheStore';
import { ResponseCache } from '../../../../src/core/cache/responseCache';
import { silentLogger } from '../../../../src/core/ports';
import { ProviderError } from '../../../../src/core/providerError';
import type { TriageRequest } from '../../../../src/core/request';
import { FakeClock, FakeProvider, makeHarness } from '../routingFakes';
import type { HarnessOptions } from '../routingFakes';

const ASK: Partial<TriageRequest> = { kind: 'chat', instruction: 'what does this do?', selection: 'const a = 1;\n', languageId: 'typescript' };

function world(options: Partial<HarnessOptions> & { store?: MemoryCacheStore; maxEntries?: number } = {}) {
  const clock = options.clock ?? new FakeClock();
  const store = options.store ?? new MemoryCacheStore(() => clock.now());
  const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'flash answer', usage: { inputTokens: 2000, cachedInputTokens: 0, outputTokens: 800 } } });
  const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'luna answer' } });
  const anthropic = new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': { text: 'sonnet answer' }, 'claude-opus-5-5': { text: 'opus answer' } });
  const ollama = new FakeProvider('ollama', true, { small: { text: 'local answer' }, fallback: { text: 'fallback answer' } });
  const cache = new ResponseCache(store, clock, silentLogger, options.maxEntries);
  const h = makeHarness({ providers: [deepseek, openai, anthropic, ollama], clock, cache, ...options });
  const calls = () => deepseek.calls.length + openai.calls.length + anthropic.calls.length + ollama.calls.length;
  return { h, clock, store, calls, deepseek, ollama };
}

describe('response cache (exact)', () => {
  it('serves the same request again at $0 without calling a provider, as one delta, marked cached in the ledger', async () => {
    const { h, calls } = world();
    const first = await h.route(ASK);
    assert.equal(first.text, 'flash answer');
    assert.equal(first.cached, undefined);
    assert.equal(calls(), 1);
    h.events.length = 0;
    const again = await h.route(ASK);
    assert.equal(calls(), 1, 'no provider was called for the hit');
    assert.equal(again.cached, true);
    assert.equal(again.text, 'flash answer');
    assert.equal(again.servedBy, 'deepseek:deepseek-flash');
    assert.equal(again.servedPool, 'quick');
    assert.equal(again.costMicros, 0);
    assert.deepEqual(again.usage, { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 });
    assert.ok(again.baselineMicros > 0 && again.baselineMicros === first.baselineMicros, 'the baseline is priced on the original tokens');
    assert.deepEqual(
      h.events.filter((e) => e.type === 'delta'),
      [{ type: 'delta', text: 'flash answer' }],
    );
    const [a, b] = h.ledger.records;
    assert.equal(a?.cache, undefined);
    assert.equal(b?.cache, 'hit');
    assert.equal(b?.costMicros, 0);
    assert.equal(b?.servedBy, 'deepseek:deepseek-flash');
    assert.ok(first.costMicros > 0);
    assert.equal(again.cacheSavedMicros, first.costMicros, 'the hit saved what the first answer cost');
    assert.equal(b?.cacheSavedMicros, first.costMicros);
    assert.equal(a?.cacheSavedMicros, undefined);
  });

  it('never stores an answer holding something secret-shaped (the model echoed or invented a key)', async () => {
    const { h, store, calls, deepseek } = world({ sensitive: (text) => (text.includes('sk-live') ? [{ rule: 'api-key', kind: 'credential' }] : []) });
    (deepseek as unknown as { replies: Record<string, unknown> }).replies['deepseek-flash'] = { text: 'use key sk-live-abc' };
    await h.route(ASK);
    await h.route(ASK);
    assert.equal(calls(), 2, 'asked twice: nothing was served from the cache');
    assert.equal(store.entries.size, 0);
  });

  it('keeps an edit\'s parsed answer and serves it only for a byte-identical selection', async () => {
    const { h, calls, deepseek } = world();
    const edit: Partial<TriageRequest> = { kind: 'edit', instruction: 'rename a to b', selection: 'const a = 1;\n', languageId: 'typescript' };
    (deepseek as unknown as { replies: Record<string, unknown> }).replies['deepseek-flash'] = { text: '```typescript\nconst b = 1;\n```' };
    const first = await h.route(edit);
    assert.equal(first.answer?.kind, 'edit');
    const hit = await h.route(edit);
    assert.equal(hit.cached, true);
    assert.deepEqual(hit.answer, first.answer);
    const changed = await h.route({ ...edit, selection: 'const a = 1; \n' });
    assert.equal(changed.cached, undefined, 'one trailing space is a different selection');
    assert.equal(calls(), 2);
  });

  it('misses after the selection, the conversation or the language changed', async () => {
    const { h, calls } = world();
    await h.route(ASK);
    for (const change of [{ selection: 'const a = 2;\n' }, { conversation: [{ role: 'user' as const, content: 'hi' }] }, { languageId: 'javascript' }]) {
      const r = await h.route({ ...ASK, ...change });
      assert.equal(r.cached, undefined, JSON.stringify(change));
    }
    assert.equal(calls(), 4);
  });

  it('misses once the TTL has passed, and is off at TTL 0 and in demo mode', async () => {
    const { h, clock, calls } = world({ cacheTtlMinutes: 60 });
    await h.route(ASK);
    clock.advance(59 * 60_000);
    assert.equal((await h.route(ASK)).cached, true);
    clock.advance(60 * 60_000);
    assert.equal((await h.route(ASK)).cached, undefined);
    assert.equal(calls(), 2);
    for (const off of [world({ cacheTtlMinutes: 0 }), world({ demo: true })]) {
      await off.h.route(ASK);
      assert.equal((await off.h.route(ASK)).cached, undefined);
      assert.equal(off.calls(), 2);
      assert.equal(off.store.entries.size, 0, 'off means nothing is stored either');
    }
  });

  it('misses after the chosen pool\'s model list changed in settings', async () => {
    const clock = new FakeClock();
    const store = new MemoryCacheStore(() => clock.now());
    const before = world({ clock, store });
    await before.h.route(ASK);
    const same = world({ clock, store });
    assert.equal((await same.h.route(ASK)).cached, true, 'a new router over the same store and settings hits');
    const after = world({ clock, store, pools: { quick: ['openai:gpt-6-luna', 'deepseek:deepseek-flash'] } });
    const r = await after.h.route(ASK);
    assert.equal(r.cached, undefined);
    assert.equal(r.text, 'luna answer');
  });

  it('never stores or serves a request holding a secret, nor a stronger-model retry', async () => {
    const secret = world({ sensitive: (text) => (text.includes('sk-') ? [{ kind: 'api-key' } as never] : []) });
    const withKey = { ...ASK, selection: 'const key = "sk-123";\n' };
    await secret.h.route(withKey);
    await secret.h.route(withKey);
    assert.equal(secret.calls(), 2);
    assert.equal(secret.store.entries.size, 0, 'nothing holding a secret was written');
    const retry = world();
    await retry.h.route(ASK);
    const stronger = await retry.h.route({ ...ASK, avoidModels: ['deepseek:deepseek-flash'] });
    assert.equal(stronger.cached, undefined);
    assert.notEqual(stronger.servedBy, 'deepseek:deepseek-flash');
    assert.equal(retry.store.entries.size, 1, 'the retry\'s answer is not stored either');
  });

  it('never stores or serves a tool-calling or image request: tool results, tools and images are not in the key', async () => {
    const { h, calls, store } = world();
    const loopTurn = (result: string): Partial<TriageRequest> => ({
      kind: 'lm',
      instruction: 'rename foo to bar',
      conversation: [
        { role: 'user', content: 'rename foo to bar' },
        { role: 'assistant', content: '', parts: [{ type: 'tool-call', callId: 'c1', name: 'grep', input: { q: 'foo' } }] },
        { role: 'user', content: '', parts: [{ type: 'tool-result', callId: 'c1', content: result }] },
      ],
      tools: [{ name: 'grep', description: 'Searches the workspace' }],
    });
    await h.route(loopTurn('a.ts:1 foo'));
    const other = await h.route(loopTurn('b.ts:9 foo'));
    assert.equal(other.cached, undefined, 'another tool result is another request');
    assert.equal(calls(), 2);
    const picture = (byte: number): Partial<TriageRequest> => ({
      kind: 'lm',
      instruction: 'what is on this screenshot?',
      conversation: [{ role: 'user', content: 'what is on this screenshot?', parts: [{ type: 'text', text: 'what is on this screenshot?' }, { type: 'image', mimeType: 'image/png', data: new Uint8Array([byte]) }] }],
    });
    await h.route(picture(1));
    assert.equal((await h.route(picture(2))).cached, undefined, 'another image is another request');
    assert.equal(calls(), 4);
    assert.equal(store.entries.size, 0);
  });

  it('never stores a failed or cancelled answer, nor the local fallback after the cloud failed', async () => {
    const clock = new FakeClock();
    const store = new MemoryCacheStore(() => clock.now());
    const down = new ProviderError('unavailable', 'down');
    const cloudDown = makeHarness({
      clock,
      cache: new ResponseCache(store, clock, silentLogger),
      providers: [
        new FakeProvider('deepseek', false, { 'deepseek-flash': { throws: down } }),
        new FakeProvider('openai', false, { 'gpt-6-luna': { throws: down } }),
        new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': { throws: down }, 'claude-opus-5-5': { throws: down } }),
        new FakeProvider('ollama', true, { small: { throws: down }, fallback: { text: 'fallback answer' } }),
      ],
    });
    const r = await cloudDown.route(ASK);
    assert.equal(r.text, 'fallback answer');
    assert.equal(store.entries.size, 0);
    const { h, store: s2 } = world();
    const controller = new AbortController();
    controller.abort();
    const cancelled = await h.route(ASK, controller.signal);
    assert.equal(cancelled.outcome, 'cancelled');
    assert.equal(s2.entries.size, 0);
  });

  it('asks again fresh: skips the lookup, calls the provider, and replaces the stored answer', async () => {
    const { h, calls, deepseek } = world();
    await h.route(ASK);
    (deepseek as unknown as { replies: Record<string, unknown> }).replies['deepseek-flash'] = { text: 'newer answer' };
    (deepseek as unknown as { served: Map<string, number> }).served.clear();
    const fresh = await h.route({ ...ASK, fresh: true });
    assert.equal(fresh.cached, undefined);
    assert.equal(fresh.text, 'newer answer');
    assert.equal(calls(), 2);
    const after = await h.route(ASK);
    assert.equal(after.cached, true);
    assert.equal(after.text, 'newer answer');
  });

  it('evicts the least recently used entry beyond the bound', async () => {
    const { h, clock, store, calls } = world({ maxEntries: 2 });
    const ask = (n: string) => ({ ...ASK, instruction: `question ${n}` });
    await h.route(ask('a'));
    clock.advance(1000);
    await h.route(ask('b'));
    clock.advance(1000);
    assert.equal((await h.route(ask('a'))).cached, true, 'a is now the most recently used');
    clock.advance(1000);
    await h.route(ask('c'));
    assert.equal(store.entries.size, 2);
    assert.equal((await h.route(ask('a'))).cached, true);
    assert.equal((await h.route(ask('c'))).cached, true);
    assert.equal((await h.route(ask('b'))).cached, undefined, 'b was the least recently used');
    assert.equal(calls(), 4);
  });

  it('drops a corrupt entry and answers normally', async () => {
    const { h, store, calls } = world();
    await h.route(ASK);
    const [key] = [...store.entries.keys()];
    assert.ok(key);
    for (const bad of ['{"v":1,"key":', JSON.stringify({ v: 1, key, text: 42 }), JSON.stringify({ v: 1, key: 'other', text: 'x' })]) {
      store.entries.set(key, { text: bad, usedAt: 0 });
      const r = await h.route(ASK);
      assert.equal(r.cached, undefined, bad);
      assert.equal(r.text, 'flash answer');
    }
    assert.equal(calls(), 4);
    assert.equal((await h.route(ASK)).cached, true, 'the fresh answer replaced the corrupt entry');
  });

  it('hashes to a file-safe name that changes with one code unit and with the length', () => {
    const a = cacheKeyHash('abc');
    assert.match(a, /^[0-9a-f]{16}-[0-9a-z]+$/);
    assert.notEqual(cacheKeyHash('abd'), a);
    assert.notEqual(cacheKeyHash('abc '), a);
    assert.equal(cacheKeyHash('abc'), a);
  });
});
