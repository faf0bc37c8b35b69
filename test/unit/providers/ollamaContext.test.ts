// Ollama's context window: the model's known window goes out as `options.num_ctx` (Ollama otherwise cuts a long
// prompt to its small default without saying so).

import { strict as assert } from 'node:assert';
import { startOllamaFake } from '../../fakes/ollamaFake';
import { FakeProvider, makeHarness } from '../core/routingFakes';
import { chatCall, collect, providerFor } from './harness';

describe('providers: ollama num_ctx', () => {
  it('sends the call\'s context window as options.num_ctx, and none when the window is unknown', async () => {
    const fake = await startOllamaFake({ respond: () => ({ chunks: ['ok'], usage: { inputTokens: 5, outputTokens: 1 } }) });
    try {
      const provider = providerFor('ollama', fake);
      assert.equal((await collect(provider, chatCall({ contextWindow: 32_768 }))).error, undefined);
      assert.equal((await collect(provider, chatCall())).error, undefined);
      const options = fake.requests.filter((r) => r.chat).map((r) => (r.body as { options?: Record<string, unknown> }).options);
      assert.equal(options[0]?.num_ctx, 32_768);
      assert.equal(options[0]?.num_predict, 64);
      assert.equal(options[1]?.num_ctx, undefined);
    } finally {
      await fake.close();
    }
  });
});

const LOCAL_ONLY = { local: ['ollama:small'], quick: [], coding: [], reasoning: [] };

describe('cascade: context window on the call', () => {
  it('passes the model\'s triage.models contextWindow on the call, and nothing for a model without one', async () => {
    const ollama = new FakeProvider('ollama', true, { small: { text: 'a' }, fallback: { text: 'b' } });
    const h = makeHarness({ providers: [ollama], classify: 'local', pools: LOCAL_ONLY, models: { 'ollama:small': { contextWindow: 32_768 } } });
    await h.route({});
    assert.equal(ollama.calls[0]?.contextWindow, 32_768);
    const other = new FakeProvider('ollama', true, { small: { text: 'a' } });
    await makeHarness({ providers: [other], classify: 'local', pools: LOCAL_ONLY }).route({});
    assert.equal(other.calls[0]?.contextWindow, undefined);
  });
});
