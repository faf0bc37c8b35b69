// createProvider: adapter choice, isLocal, and the API key read lazily at first use (never from env).

import { strict as assert } from 'node:assert';
import { createProvider, type ProviderConfig } from '../../../src/providers/createProvider';
import { chatCall, collect, providerFor, SUBJECTS, TEST_KEY } from './harness';

const neverCalled = async (): Promise<string | undefined> => assert.fail('getApiKey must not be called');

describe('createProvider', () => {
  const localCases: { config: Omit<ProviderConfig, 'timeoutMs'>; isLocal: boolean }[] = [
    { config: { id: 'o', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434' }, isLocal: true },
    { config: { id: 'o', kind: 'ollama', baseUrl: 'http://localhost:11434/' }, isLocal: true },
    { config: { id: 'o', kind: 'ollama', baseUrl: 'http://[::1]:11434' }, isLocal: true },
    // A LAN Ollama is not this machine: the privacy rule must not send secrets there.
    { config: { id: 'o', kind: 'ollama', baseUrl: 'http://192.168.1.20:11434' }, isLocal: false },
    { config: { id: 'o', kind: 'ollama', baseUrl: 'https://ollama.com' }, isLocal: false },
    { config: { id: 'o', kind: 'ollama', baseUrl: 'http://8.8.8.8:11434' }, isLocal: false },
    { config: { id: 'lm', kind: 'openai', baseUrl: 'http://127.0.0.1:1234/v1' }, isLocal: false },
    { config: { id: 'a', kind: 'anthropic', baseUrl: 'http://127.0.0.1:9' }, isLocal: false },
  ];
  for (const { config, isLocal } of localCases) {
    it(`${config.kind} at ${config.baseUrl} → isLocal ${isLocal}, no key read at construction`, () => {
      const provider = createProvider({ ...config, timeoutMs: 1000 }, { getApiKey: neverCalled });
      assert.equal(provider.isLocal, isLocal);
      assert.equal(provider.id, config.id);
    });
  }

  for (const kind of ['openai', 'anthropic'] as const) {
    it(`${kind}: a missing key → auth naming the provider, before any network call`, async () => {
      // A lookup of .invalid would fail as `unavailable`; `auth` proves nothing was sent.
      const baseUrl = kind === 'openai' ? 'https://api.example.invalid/v1' : 'https://api.example.invalid';
      const provider = createProvider({ id: 'paid', kind, baseUrl, timeoutMs: 1000 }, { getApiKey: async () => undefined });
      const outcome = await collect(provider, chatCall());
      assert.equal(outcome.error?.kind, 'auth');
      assert.match(outcome.error?.message ?? '', /"paid"/);
      await assert.rejects(provider.listModels?.(new AbortController().signal) ?? Promise.resolve(), { kind: 'auth' });
    });

    it(`${kind}: reads the key once at first use, and again after an auth failure`, async () => {
      const subject = SUBJECTS.find((s) => s.kind === kind);
      const fake = await subject!.start({
        scripts: [{ chunks: ['a'] }, { chunks: ['b'] }, { chunks: [], fault: { kind: 'unauthorized' } }, { chunks: ['c'] }],
      });
      try {
        const keyReads = { count: 0 };
        const provider = providerFor(kind, fake, { keyReads });
        assert.equal(keyReads.count, 0);
        assert.deepEqual((await collect(provider, chatCall())).deltas, ['a']);
        assert.deepEqual((await collect(provider, chatCall())).deltas, ['b']);
        assert.equal(keyReads.count, 1);
        const failed = await collect(provider, chatCall());
        assert.equal(failed.error?.kind, 'auth');
        assert.ok(!failed.error?.message.includes(TEST_KEY));
        assert.deepEqual((await collect(provider, chatCall())).deltas, ['c']);
        assert.equal(keyReads.count, 2);
      } finally {
        await fake.close();
      }
    });
  }

  it('openai-compatible on this machine (LM Studio, vLLM) works without a key', async () => {
    const fake = await SUBJECTS[1]!.start({ scripts: [{ chunks: ['ok'] }] });
    try {
      const outcome = await collect(providerFor('openai', fake, { key: undefined }), chatCall());
      assert.deepEqual(outcome.deltas, ['ok']);
    } finally {
      await fake.close();
    }
  });

  it('a failing secret store → auth, and the key is not taken from the environment', async () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = 'sk-env-key';
    try {
      const provider = createProvider(
        { id: 'a', kind: 'anthropic', baseUrl: 'http://127.0.0.1:9', timeoutMs: 1000 },
        { getApiKey: async () => Promise.reject(new Error('keychain locked')) },
      );
      const outcome = await collect(provider, chatCall());
      assert.equal(outcome.error?.kind, 'auth');
    } finally {
      if (saved === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = saved;
    }
  });
});
