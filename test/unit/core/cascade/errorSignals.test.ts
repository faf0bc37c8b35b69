// Drives the cascade through every provider error kind: which ones move on, block, skip a provider, or stop.

import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../../src/core/providerError';
import type { ProviderErrorKind } from '../../../../src/core/providerError';
import { FakeProvider, makeHarness, path } from '../routingFakes';
import type { Reply } from '../routingFakes';

function providers(first: Reply) {
  return {
    deepseek: new FakeProvider('deepseek', false, { 'deepseek-flash': first }),
    openai: new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'from luna' } }),
    anthropic: new FakeProvider('anthropic', false, {}),
    ollama: new FakeProvider('ollama', true, { small: { text: 'local' }, fallback: { text: 'fallback' } }),
  };
}

describe('cascade: provider error signals', () => {
  const moveOn: ProviderErrorKind[] = ['rate-limit', 'overloaded', 'timeout', 'unavailable', 'not-found', 'context-too-long', 'malformed', 'bad-request'];
  for (const kind of moveOn) {
    it(`moves to the next model on ${kind}`, async () => {
      const p = providers({ throws: new ProviderError(kind, kind) });
      const h = makeHarness({ providers: Object.values(p) });
      const result = await h.route({});
      assert.equal(result.outcome, 'ok');
      assert.equal(result.text, 'from luna');
      assert.equal(result.servedBy, 'openai:gpt-6-luna');
      assert.deepEqual(path(result.attempts), [`deepseek:deepseek-flash=${kind}`, 'openai:gpt-6-luna=ok']);
      assert.equal(result.attempts[0]?.costMicros, 0);
      assert.equal(result.costMicros, 350);
      assert.equal(result.escalated, false);
    });
  }

  it('treats a non-ProviderError throw as unavailable and moves on', async () => {
    const p = providers({ throws: new ProviderError('timeout', 'x') });
    const weird = new FakeProvider('deepseek', false, {});
    const h = makeHarness({ providers: [weird, p.openai, p.anthropic, p.ollama] });
    const result = await h.route({});
    assert.deepEqual(path(result.attempts), ['deepseek:deepseek-flash=unavailable', 'openai:gpt-6-luna=ok']);
  });

  it('treats a stream that ends without done as malformed and moves on', async () => {
    const p = providers({ text: [], noDone: true });
    const h = makeHarness({ providers: Object.values(p) });
    const result = await h.route({ kind: 'edit', selection: 'x', instruction: 'y' });
    assert.equal(result.attempts[0]?.outcome, 'malformed');
  });

  it('on auth skips the provider from then on and tells the user once', async () => {
    const p = providers({ throws: new ProviderError('auth', 'bad key', { status: 401 }) });
    const h = makeHarness({ providers: Object.values(p) });
    const first = await h.route({});
    assert.deepEqual(path(first.attempts), ['deepseek:deepseek-flash=auth', 'openai:gpt-6-luna=ok']);
    assert.equal(first.notices.filter((n) => n.kind === 'missing-key').length, 1);
    assert.equal(first.notices[0]?.provider, 'deepseek');
    const second = await h.route({});
    assert.deepEqual(path(second.attempts), ['deepseek:deepseek-flash=skipped-auth', 'openai:gpt-6-luna=ok']);
    assert.equal(p.deepseek.calls.length, 1, 'no second call to a rejected provider');
    assert.equal(second.notices.length, 0, 'told only once');
    h.router.keyChanged('deepseek');
    await h.route({});
    assert.equal(p.deepseek.calls.length, 2, 'tried again after the key changed');
  });

  it('skips a provider whose key is missing without calling it, telling once', async () => {
    const p = providers({ text: 'never' });
    const h = makeHarness({ providers: Object.values(p), missingKey: ['deepseek'] });
    const first = await h.route({});
    const second = await h.route({});
    assert.deepEqual(path(first.attempts), ['deepseek:deepseek-flash=skipped-auth', 'openai:gpt-6-luna=ok']);
    assert.deepEqual(path(second.attempts), path(first.attempts));
    assert.equal(p.deepseek.calls.length, 0);
    assert.equal([...first.notices, ...second.notices].filter((n) => n.kind === 'missing-key').length, 1);
  });

  it('never falls back on cancelled', async () => {
    const p = providers({ throws: new ProviderError('cancelled', 'stop') });
    const h = makeHarness({ providers: Object.values(p) });
    const result = await h.route({});
    assert.equal(result.outcome, 'cancelled');
    assert.deepEqual(path(result.attempts), ['deepseek:deepseek-flash=cancelled']);
    assert.equal(p.openai.calls.length + p.ollama.calls.length, 0);
  });

  it('stops without any call when the signal is already aborted', async () => {
    const p = providers({ text: 'x' });
    const h = makeHarness({ providers: Object.values(p) });
    const controller = new AbortController();
    controller.abort();
    const result = await h.route({}, controller.signal);
    assert.equal(result.outcome, 'cancelled');
    assert.equal(result.attempts.length, 0);
    assert.equal(p.deepseek.calls.length, 0);
    assert.equal(h.ledger.records[0]?.outcome, 'cancelled');
  });

  it('reports a cancel as cancelled even when the adapter throws another kind after abort', async () => {
    const controller = new AbortController();
    const deepseek = new FakeProvider('deepseek', false, {});
    deepseek.streamChat = async function* () {
      controller.abort();
      yield* [];
      throw new ProviderError('unavailable', 'socket closed');
    };
    const p = providers({ text: 'x' });
    const h = makeHarness({ providers: [deepseek, p.openai, p.anthropic, p.ollama] });
    const result = await h.route({}, controller.signal);
    assert.equal(result.outcome, 'cancelled');
    assert.equal(p.openai.calls.length, 0);
  });
});
