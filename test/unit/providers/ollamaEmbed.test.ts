// Ollama's embed API through the official client against the fake: request shape, vectors in order, model not pulled.

import { strict as assert } from 'node:assert';
import { startOllamaFake } from '../../fakes/ollamaFake';
import { lexicalEmbedding } from '../../fakes/lexicalEmbedding';
import { providerFor } from './harness';

describe('providers: ollama embed', () => {
  it('posts {model, input[]} to /api/embed and returns one vector per text, in order', async () => {
    const fake = await startOllamaFake({ models: ['nomic-embed-text:latest'] });
    try {
      const provider = providerFor('ollama', fake);
      const vectors = await provider.embed?.('nomic-embed-text', ['how do I sort a list', 'what is a monad'], new AbortController().signal);
      assert.deepEqual(vectors, [lexicalEmbedding('how do I sort a list'), lexicalEmbedding('what is a monad')]);
      const request = await fake.request(0);
      assert.equal(request.method, 'POST');
      assert.equal(request.path, '/api/embed');
      const body = request.body as { model?: unknown; input?: unknown };
      assert.equal(body.model, 'nomic-embed-text');
      assert.deepEqual(body.input, ['how do I sort a list', 'what is a monad']);
    } finally {
      await fake.close();
    }
  });

  it('a model that is not pulled is a ProviderError (the meaning cache then turns itself off)', async () => {
    const fake = await startOllamaFake({ models: ['qwen2.5-coder:7b'] });
    try {
      await assert.rejects(providerFor('ollama', fake).embed?.('nomic-embed-text', ['x'], new AbortController().signal) ?? Promise.reject(new Error('no embed')), (error: unknown) => {
        assert.equal((error as { name?: string }).name, 'ProviderError');
        assert.match(String((error as Error).message), /ollama/i);
        return true;
      });
    } finally {
      await fake.close();
    }
  });
});
