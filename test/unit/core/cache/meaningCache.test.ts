// The meaning cache through the router over fakes: a paraphrase hits, a near miss does not, and the cases that must never hit.

import { strict as assert } from 'node:assert';
import { MEANING_INDEX_KEY, MEANING_OFF_AFTER_FAILURE_MS, MeaningCache } from '../../../../src/core/cache/meaningCache';
import { parseMeaningIndex, quantize, similarity, unitVector } from '../../../../src/core/cache/meaningIndex';
import { MemoryCacheStore } from '../../../../src/core/cache/memoryCacheStore';
import { ResponseCache } from '../../../../src/core/cache/responseCache';
import type { TextEmbedder } from '../../../../src/core/ports';
import { silentLogger } from '../../../../src/core/ports';
import type { TriageRequest } from '../../../../src/core/request';
import { FakeClock, FakeProvider, makeHarness } from '../routingFakes';
import type { HarnessOptions } from '../routingFakes';

const Q = 'how do I reverse a list in python?';
const PARAPHRASE = 'how can I reverse a python list';
const NEAR_MISS = 'how do I reverse a string in python?';
/** Scripted vectors: the paraphrase is at cosine ~0.99 to Q, the near miss at 0.8. */
const VECTORS: Record<string, number[]> = {
  [Q]: [1, 0, 0],
  [PARAPHRASE]: [0.99, 0.14, 0],
  [NEAR_MISS]: [0.8, 0.6, 0],
};

class ScriptedEmbedder implements TextEmbedder {
  readonly calls: string[] = [];
  failing = false;
  async embed(model: string, texts: readonly string[]): Promise<number[][]> {
    this.calls.push(...texts);
    if (this.failing) throw new Error(`model "${model}" not found, try pulling it first`);
    return texts.map((t) => VECTORS[t] ?? [0, 0, 1]);
  }
}

function world(options: Partial<HarnessOptions> = {}) {
  const clock = options.clock ?? new FakeClock();
  const store = new MemoryCacheStore(() => clock.now());
  const index = new MemoryCacheStore(() => clock.now());
  const embedder = new ScriptedEmbedder();
  const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'use reversed() or list.reverse()' } });
  const anthropic = new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': { text: 'sonnet answer' }, 'claude-opus-5-5': { text: 'opus answer' } });
  const ollama = new FakeProvider('ollama', true, { small: { text: 'local answer' }, fallback: { text: 'fallback answer' } });
  const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'luna answer' } });
  const h = makeHarness({
    providers: [deepseek, openai, anthropic, ollama],
    clock,
    cache: new ResponseCache(store, clock, silentLogger),
    meaning: new MeaningCache(index, embedder, clock, silentLogger),
    meaningModel: 'nomic-embed-text',
    ...options,
  });
  const calls = () => deepseek.calls.length + openai.calls.length + anthropic.calls.length + ollama.calls.length;
  return { h, clock, store, index, embedder, calls };
}

const ask = (instruction: string, more: Partial<TriageRequest> = {}): Partial<TriageRequest> => ({ kind: 'chat', instruction, ...more });

describe('response cache (by meaning)', () => {
  it('answers a paraphrase of a cached question at $0, marked as a meaning hit', async () => {
    const { h, calls } = world();
    const first = await h.route(ask(Q));
    assert.equal(first.cached, undefined);
    const again = await h.route(ask(PARAPHRASE));
    assert.equal(calls(), 1, 'no provider was called for the paraphrase');
    assert.equal(again.cached, true);
    assert.equal(again.cacheMatch, 'meaning');
    assert.equal(again.text, 'use reversed() or list.reverse()');
    assert.equal(again.costMicros, 0);
    assert.equal(again.cacheSavedMicros, first.costMicros);
    assert.equal(h.ledger.records[1]?.cache, 'meaning');
  });

  it('does not answer a question on the same topic that asks something else (below the threshold)', async () => {
    const { h, calls } = world();
    await h.route(ask(Q));
    const other = await h.route(ask(NEAR_MISS));
    assert.equal(other.cached, undefined);
    assert.equal(calls(), 2);
    const lower = world({ meaningThreshold: 0.75 });
    await lower.h.route(ask(Q));
    assert.equal((await lower.h.route(ask(NEAR_MISS))).cacheMatch, 'meaning', 'the threshold is what keeps it out');
  });

  it('never serves or stores by meaning a question with a selection, a follow-up, code around the cursor, a secret or a stronger retry', async () => {
    const secret = (text: string) => (text.includes('sk-live') ? [{ rule: 'api-key', kind: 'credential' as const }] : []);
    const { h, embedder } = world({ sensitive: secret });
    await h.route(ask(Q));
    const never: Partial<TriageRequest>[] = [
      ask(PARAPHRASE, { selection: 'xs = [1, 2]\n', languageId: 'python' }),
      ask(PARAPHRASE, { conversation: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] }),
      ask(PARAPHRASE, { followsPool: 'quick' }),
      ask(PARAPHRASE, { aroundCursor: { before: 'a', after: 'b' } }),
      ask(`${PARAPHRASE} with key sk-live-123`),
      ask(PARAPHRASE, { avoidModels: ['deepseek:deepseek-flash'] }),
      { kind: 'edit', instruction: PARAPHRASE, selection: 'xs\n' },
    ];
    for (const request of never) {
      const r = await h.route(request);
      assert.equal(r.cached, undefined, JSON.stringify(request));
      assert.ok(r.attempts.length > 0, 'a model answered');
    }
    assert.deepEqual(embedder.calls, [Q], 'none of them was even embedded (a secret never leaves for the embedder either)');
  });

  it('is off when the embedding model fails (not pulled), for a while, then tries again', async () => {
    const { h, clock, embedder, calls } = world();
    embedder.failing = true;
    const r = await h.route(ask(Q));
    assert.equal(r.outcome, 'ok', 'a failing embedder never fails the request');
    await h.route(ask(PARAPHRASE));
    assert.equal(embedder.calls.length, 1, 'no embedding call while it is off');
    assert.equal(calls(), 2);
    clock.advance(MEANING_OFF_AFTER_FAILURE_MS);
    embedder.failing = false;
    await h.route(ask(NEAR_MISS));
    assert.equal(embedder.calls.length, 2, 'tried again after the pause');
  });

  it('is off when no embedding model is set, and when the exact cache is off', async () => {
    for (const w of [world({ meaningModel: '' }), world({ cacheTtlMinutes: 0 }), world({ demo: true })]) {
      await w.h.route(ask(Q));
      assert.equal((await w.h.route(ask(PARAPHRASE))).cached, undefined);
      assert.deepEqual(w.embedder.calls, []);
    }
  });

  it('misses in another pool, drops a question whose answer expired, and survives a corrupt index', async () => {
    const { h, clock, index, calls } = world({ cacheTtlMinutes: 60 });
    await h.route(ask(Q));
    assert.equal((await h.route(ask(PARAPHRASE, { explicitPool: 'coding' }))).cached, undefined, 'another pool: another context');
    clock.advance(61 * 60_000);
    assert.equal((await h.route(ask(PARAPHRASE))).cached, undefined, 'the answer expired');
    const before = parseMeaningIndex(index.entries.get(MEANING_INDEX_KEY)?.text);
    assert.equal(before.length, 2, 'the expired question was dropped; the two paraphrases (coding, quick) were added');
    index.entries.set(MEANING_INDEX_KEY, { text: '{"v":1,"entries":[{"exactKey":', usedAt: 0 });
    const r = await h.route(ask(NEAR_MISS));
    assert.equal(r.outcome, 'ok');
    assert.equal(calls(), 4);
    assert.equal(parseMeaningIndex(index.entries.get(MEANING_INDEX_KEY)?.text).length, 1, 'rewritten whole with the new question');
  });

  it('asks again fresh past the meaning cache, and the fresh answer is what the paraphrase gets next', async () => {
    const { h, calls } = world();
    await h.route(ask(Q));
    const fresh = await h.route(ask(PARAPHRASE, { fresh: true }));
    assert.equal(fresh.cached, undefined);
    assert.equal(calls(), 2);
    const next = await h.route(ask(PARAPHRASE));
    assert.equal(next.cached, true);
    assert.equal(next.cacheMatch, undefined, 'now an exact hit of the fresh answer');
  });

  it('keeps vectors at int8 precision: similarity stays within 0.01 of the float cosine', () => {
    const a = unitVector([0.3, -0.2, 0.9, 0.1])!;
    const b = unitVector([0.31, -0.18, 0.88, 0.15])!;
    const exact = a.reduce((s, x, i) => s + x * (b[i] as number), 0);
    assert.ok(Math.abs(similarity(a, quantize(b)) - exact) < 0.01);
    assert.equal(similarity(a, quantize([1, 0])), 0, 'another model\'s length never matches');
    assert.equal(unitVector([0, 0]), undefined);
  });
});
