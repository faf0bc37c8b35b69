// Ollama's context window: a `num_ctx` sized to the prompt and capped by the model's known window goes out on every
// chat (Ollama otherwise cuts a long prompt to its small default without saying so), and a prompt Ollama cut anyway
// is found from the done line's `prompt_eval_count` and reported as `context-too-long`.

import { strict as assert } from 'node:assert';
import { contextSize, MIN_NUM_CTX, promptWasCut, TokenDensity } from '../../../src/providers/ollamaContext';
import { startOllamaFake, type OllamaFakeOptions } from '../../fakes/ollamaFake';
import type { FakeServer } from '../../fakes/httpFake';
import { FakeProvider, makeHarness } from '../core/routingFakes';
import { chatCall, collect, providerFor } from './harness';

/** `n` short words: the estimate counts each as one token (a lone space joins the next word). */
const words = (n: number): string => 'alpha '.repeat(n).trimEnd();

/** A fake tokenizer denser than the estimate, as for CJK text or base64: one token per character. */
const perChar = (text: string) => text.length;

async function withFake(options: OllamaFakeOptions, body: (fake: FakeServer) => Promise<void>): Promise<void> {
  const fake = await startOllamaFake({ respond: () => ({ chunks: ['Hel', 'lo'], usage: { inputTokens: 5, outputTokens: 2 } }), ...options });
  try {
    await body(fake);
  } finally {
    await fake.close();
  }
}

const sentNumCtx = (fake: FakeServer) => fake.requests.filter((r) => r.chat).map((r) => r.chat?.contextTokens);

describe('providers: ollama num_ctx', () => {
  it('sizes num_ctx to the prompt and the answer budget in powers of two from 8192, capped by the known window', async () => {
    await withFake({}, async (fake) => {
      const provider = providerFor('ollama', fake);
      const calls = [
        chatCall({ contextWindow: 32_768 }), // short prompt: the smallest size, not the whole window
        chatCall(), // no known window: sized all the same, never Ollama's 2k/4k default
        chatCall({ messages: [{ role: 'user', content: words(10_000) }], contextWindow: 32_768 }), // ~12.5k + 64 → 16384
        chatCall({ messages: [{ role: 'user', content: words(10_000) }], contextWindow: 12_000 }), // capped by the window
        chatCall({ messages: [{ role: 'user', content: 'hi' }], promptTokens: 30_000, maxOutputTokens: 4096, contextWindow: 131_072 }), // the router's estimate wins
      ];
      for (const call of calls) assert.equal((await collect(provider, call)).error, undefined);
      assert.deepEqual(sentNumCtx(fake), [8192, 8192, 16_384, 12_000, 65_536]);
      assert.equal((fake.requests[0]?.body as { options?: { num_predict?: number } }).options?.num_predict, 64);
    });
  });

  it('reports a prompt Ollama cut to num_ctx (count = num_ctx) as context-too-long, after the streamed text', async () => {
    await withFake({ tokenize: perChar, truncation: 'fill' }, async (fake) => {
      const out = await collect(providerFor('ollama', fake), chatCall({ messages: [{ role: 'user', content: words(3000) }] }));
      assert.equal(out.error?.kind, 'context-too-long');
      assert.equal(out.error?.options.contextTokens, 8192);
      assert.match(out.error?.message ?? '', /read 8192 tokens of a prompt estimated at ~3004: it was cut to fit a context of 8192/);
      assert.deepEqual(out.deltas, ['Hel', 'lo'], 'the text came before the done line showed the cut');
      assert.equal(out.done.length, 0);
    });
  });

  it('also knows the newer cut, which keeps half the context (count = num_ctx / 2 + 2)', async () => {
    await withFake({ tokenize: perChar, truncation: 'half' }, async (fake) => {
      const out = await collect(providerFor('ollama', fake), chatCall({ messages: [{ role: 'user', content: words(3000) }] }));
      assert.equal(out.error?.kind, 'context-too-long');
      assert.match(out.error?.message ?? '', /read 4098 tokens/);
    });
  });

  it('reads the llama-server engine\'s structured 400 refusal as context-too-long, with the context it named', async () => {
    await withFake({ tokenize: perChar, truncation: 'refuse' }, async (fake) => {
      const out = await collect(providerFor('ollama', fake), chatCall({ messages: [{ role: 'user', content: words(3000) }] }));
      assert.equal(out.error?.kind, 'context-too-long');
      assert.equal(out.error?.status, 400);
      assert.equal(out.error?.options.contextTokens, 8192);
      assert.equal(out.error?.options.promptTokens, 17_999);
      assert.deepEqual(out.deltas, []);
      assert.doesNotMatch(out.error?.message ?? '', /exceeds the available/, 'no server text in the message');
    });
  });

  it('gives a CJK prompt a context for its characters, so a tokenizer near one token a character does not cut it', async () => {
    await withFake({ tokenize: perChar }, async (fake) => {
      const out = await collect(providerFor('ollama', fake), chatCall({ messages: [{ role: 'user', content: '为什么这个函数会返回空值'.repeat(800) }] }));
      assert.equal(out.error, undefined);
      assert.deepEqual(sentNumCtx(fake), [16_384]);
      assert.equal(out.done[0]?.usage.inputTokens, 9600);
    });
  });

  it('answers normally when the prompt fit, however dense its tokens', async () => {
    await withFake({ tokenize: (text) => Math.ceil(text.length / 2) }, async (fake) => {
      const out = await collect(providerFor('ollama', fake), chatCall({ messages: [{ role: 'user', content: words(2000) }] }));
      assert.equal(out.error, undefined);
      assert.equal(out.done[0]?.usage.inputTokens, 6000);
    });
  });
});

describe('providers: ollama context arithmetic', () => {
  it('contextSize: room for a quarter more than the estimate plus the answer, a power of two, within the window', () => {
    assert.equal(contextSize(undefined, 10, 16), MIN_NUM_CTX);
    assert.equal(contextSize(undefined, 5000, 2048), 16_384); // 6250 + 2048 = 8298
    assert.equal(contextSize(undefined, 4900, 2048), 8192); // 6125 + 2048 = 8173
    assert.equal(contextSize(32_768, 100_000, 4096), 32_768);
    assert.equal(contextSize(4096, 10, 16), 4096);
    assert.equal(contextSize(undefined, 4096, 3072), 8192, 'exactly 8192 needed fits 8192'); // 5120 + 3072
    assert.equal(contextSize(undefined, 4097, 3072), 16_384); // 5122 + 3072
    assert.equal(contextSize(undefined, 3, 0), 8192); // ceil(3.75): never a fraction
  });

  it('promptWasCut: at num_ctx, at half of it plus two, or short of an estimate longer than the context', () => {
    assert.equal(promptWasCut(8192, 8192, 3000), true);
    assert.equal(promptWasCut(8190, 8192, 3000), true);
    assert.equal(promptWasCut(4098, 8192, 3000), true);
    assert.equal(promptWasCut(3000, 8192, 9000), true, 'early messages dropped');
    assert.equal(promptWasCut(3000, 8192, 3000), false);
    assert.equal(promptWasCut(7000, 8192, 3000), false, 'denser than estimated, but it fit');
    assert.equal(promptWasCut(undefined, 8192, 9000), false, 'no count (an older Ollama on a cache hit) proves nothing');
    assert.equal(promptWasCut(0, 8192, 9000), false);
    assert.equal(promptWasCut(-1, 8192, 9000), false);
    // The edges of the two signatures (4 tokens either side) and of the estimate rule.
    assert.equal(promptWasCut(8188, 8192, 3000), true);
    assert.equal(promptWasCut(8187, 8192, 3000), false);
    assert.equal(promptWasCut(4094, 8192, 3000), true);
    assert.equal(promptWasCut(4093, 8192, 3000), false);
    assert.equal(promptWasCut(4102, 8192, 3000), true);
    assert.equal(promptWasCut(4103, 8192, 3000), false);
    assert.equal(promptWasCut(16_387, 32_768, 3000), true, 'the count reported from a 32k context (ollama/ollama#3839)');
    assert.equal(promptWasCut(3000, 8192, 8192), false);
    assert.equal(promptWasCut(3000, 8192, 8193), true);
  });
});

describe('providers: ollama token density', () => {
  it('scales the next estimate by the last long prompt\'s count, raises it on a cut, and an uncut prompt resets it', () => {
    const d = new TokenDensity();
    assert.equal(d.scaled('m', 2000), 2000);
    d.counted('m', 500, 2000); // a short prompt: mostly template, not learned
    assert.equal(d.scaled('m', 2000), 2000);
    d.counted('m', 2000, 3000);
    assert.equal(d.scaled('m', 2000), 3000);
    assert.equal(d.scaled('other', 2000), 2000, 'per model');
    d.cut('m', 2000, 8192);
    assert.equal(d.scaled('m', 2000), 8193);
    d.counted('m', 2000, 1800); // denser than nothing: back to the plain estimate
    assert.equal(d.scaled('m', 2000), 2000);
    d.counted('m', 1000, 100_000);
    assert.equal(d.scaled('m', 1000), 8000, 'at most 8×');
  });
});

const LOCAL_ONLY = { local: ['ollama:small'], quick: [], coding: [], reasoning: [] };

describe('cascade: context window on the call', () => {
  it('passes the model\'s triage.models contextWindow and the prompt estimate on the call', async () => {
    const ollama = new FakeProvider('ollama', true, { small: { text: 'a' }, fallback: { text: 'b' } });
    const h = makeHarness({ providers: [ollama], classify: 'local', pools: LOCAL_ONLY, models: { 'ollama:small': { contextWindow: 32_768 } } });
    await h.route({});
    assert.equal(ollama.calls[0]?.contextWindow, 32_768);
    assert.equal(typeof ollama.calls[0]?.promptTokens, 'number');
    const other = new FakeProvider('ollama', true, { small: { text: 'a' } });
    await makeHarness({ providers: [other], classify: 'local', pools: LOCAL_ONLY }).route({});
    assert.equal(other.calls[0]?.contextWindow, undefined);
  });
});
