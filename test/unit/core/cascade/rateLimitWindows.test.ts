// Rate-limit memory through the router: no call is ever sent to a model inside its known window.

import { strict as assert } from 'node:assert';
import { RateLimitMemory } from '../../../../src/core/cascade/rateLimitMemory';
import { ProviderError } from '../../../../src/core/providerError';
import { FakeClock, FakeProvider, makeHarness, path } from '../routingFakes';
import type { Reply } from '../routingFakes';

function setup(deepseekReplies: readonly Reply[]) {
  const clock = new FakeClock();
  const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': deepseekReplies, 'deepseek-v4-pro': { text: 'pro' } });
  const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'luna' } });
  const anthropic = new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': { text: 'sonnet' } });
  const ollama = new FakeProvider('ollama', true, { small: { text: 'local' }, fallback: { text: 'fb' } });
  const pools = { coding: ['deepseek:deepseek-v4-pro', 'anthropic:claude-sonnet-5-5'] };
  const h = makeHarness({ providers: [deepseek, openai, anthropic, ollama], clock, pools });
  return { h, clock, deepseek, openai };
}

describe('cascade: rate-limit windows', () => {
  it('skips a 429ed model until retryAfterMs has passed, then calls it again', async () => {
    const { h, clock, deepseek } = setup([{ throws: new ProviderError('rate-limit', '429', { retryAfterMs: 30_000 }) }, { text: 'back' }]);
    await h.route({});
    assert.equal(deepseek.calls.length, 1);
    clock.advance(29_000);
    const during = await h.route({});
    assert.deepEqual(path(during.attempts), ['deepseek:deepseek-flash=skipped-rate-limit', 'openai:gpt-6-luna=ok']);
    assert.equal(during.attempts[0]?.detail, 'rate-limited, retry in 1 s');
    assert.equal(deepseek.calls.length, 1, 'no call inside the window');
    clock.advance(1_000);
    const after = await h.route({});
    assert.equal(after.servedBy, 'deepseek:deepseek-flash');
    assert.equal(deepseek.calls.length, 2);
  });

  it('blocks a model whose success said remaining 0, until resetInMs', async () => {
    const { h, clock, deepseek } = setup([{ text: 'ok', rateLimit: { requestsRemaining: 0, resetInMs: 5_000 } }, { text: 'again' }]);
    const first = await h.route({});
    assert.equal(first.servedBy, 'deepseek:deepseek-flash');
    const second = await h.route({});
    assert.deepEqual(path(second.attempts), ['deepseek:deepseek-flash=skipped-rate-limit', 'openai:gpt-6-luna=ok']);
    assert.equal(deepseek.calls.length, 1);
    clock.advance(5_000);
    const third = await h.route({});
    assert.equal(third.text, 'again');
  });

  it('does not block after a success with requests left', async () => {
    const { h, deepseek } = setup([{ text: 'ok', rateLimit: { requestsRemaining: 3, tokensRemaining: 100, resetInMs: 5_000 } }]);
    await h.route({});
    await h.route({});
    assert.equal(deepseek.calls.length, 2);
  });

  it('blocks the whole provider on overload', async () => {
    const { h, deepseek } = setup([{ throws: new ProviderError('overloaded', '529', { retryAfterMs: 10_000 }) }]);
    await h.route({});
    const coding = await h.route({ explicitPool: 'coding' });
    assert.deepEqual(path(coding.attempts), ['deepseek:deepseek-v4-pro=skipped-rate-limit', 'anthropic:claude-sonnet-5-5=ok']);
    assert.equal(coding.attempts[0]?.detail, 'provider busy, retry in 10 s');
    assert.equal(deepseek.calls.length, 1, 'the other deepseek model was not called');
  });

  it('never skips the local provider for a block: after an Ollama 503 the next local request still tries it', async () => {
    const clock = new FakeClock();
    const ollama = new FakeProvider('ollama', true, {
      small: [{ throws: new ProviderError('overloaded', '503 server busy', { retryAfterMs: 15_000 }) }, { text: 'local again' }],
      fallback: { text: 'fb' },
    });
    const cloud = ['deepseek', 'openai', 'anthropic'].map((name) => new FakeProvider(name, false, {}));
    const h = makeHarness({ providers: [...cloud, ollama], clock });
    await h.route({ explicitPool: 'local' });
    const next = await h.route({ explicitPool: 'local' });
    assert.equal(next.text, 'local again', path(next.attempts).join(' '));
    assert.ok(!path(next.attempts).some((a) => a.startsWith('ollama:') && a.endsWith('=skipped-rate-limit')), path(next.attempts).join(' '));
  });
});

describe('RateLimitMemory', () => {
  it('uses a default wait when a 429 carries no retry-after', () => {
    const clock = new FakeClock(0);
    const memory = new RateLimitMemory(clock);
    const ref = { provider: 'openai', model: 'm' };
    memory.noteRateLimited(ref, undefined);
    assert.deepEqual(memory.blocked(ref), { until: 20_000, scope: 'model', reason: 'window' });
    assert.equal(memory.blocked({ provider: 'openai', model: 'other' }), undefined, 'a 429 is per model');
    clock.advance(20_000);
    assert.equal(memory.blocked(ref), undefined);
  });

  it('caps absurd waits and ignores negative ones', () => {
    const clock = new FakeClock(0);
    const memory = new RateLimitMemory(clock);
    const ref = { provider: 'p', model: 'm' };
    memory.noteRateLimited(ref, 10 * 24 * 3600_000);
    assert.equal(memory.blocked(ref)?.until, 3600_000);
    const other = { provider: 'p', model: 'n' };
    memory.noteRateLimited(other, -5);
    assert.equal(memory.blocked(other), undefined);
  });

  it('never shortens a longer window', () => {
    const clock = new FakeClock(0);
    const memory = new RateLimitMemory(clock);
    const ref = { provider: 'p', model: 'm' };
    memory.noteRateLimited(ref, 60_000);
    memory.noteSuccess(ref, { tokensRemaining: 0, resetInMs: 1_000 });
    assert.equal(memory.blocked(ref)?.until, 60_000);
  });

  it('counts calls in flight against the last announced remaining; an older answer cannot raise a newer count', () => {
    const clock = new FakeClock(0);
    const memory = new RateLimitMemory(clock);
    const ref = { provider: 'p', model: 'm' };
    const first = memory.start(ref);
    first.answered({ requestsRemaining: 2, resetInMs: 30_000 });
    first.end();
    const a = memory.start(ref);
    const b = memory.start(ref);
    assert.deepEqual(memory.blocked(ref), { until: 30_000, scope: 'model', reason: 'in-flight' });
    b.answered({ requestsRemaining: 0, resetInMs: 30_000 });
    a.answered({ requestsRemaining: 5, resetInMs: 30_000 });
    assert.equal(memory.blocked(ref)?.until, 30_000, 'the older call’s "5 left" did not reopen the model');
  });

  it('after an announced allowance runs out and resets, one call probes and the rest wait for its answer', () => {
    const clock = new FakeClock(0);
    const memory = new RateLimitMemory(clock);
    const ref = { provider: 'p', model: 'm' };
    memory.start(ref).answered({ requestsRemaining: 1, resetInMs: 10_000 });
    memory.start(ref);
    assert.equal(memory.blocked(ref)?.reason, 'in-flight');
    clock.advance(10_000);
    assert.equal(memory.blocked(ref), undefined);
    const probe = memory.start(ref);
    assert.equal(memory.blocked(ref)?.reason, 'probe');
    probe.answered({ requestsRemaining: 9, resetInMs: 60_000 });
    assert.equal(memory.blocked(ref), undefined);
  });

  it('a provider-wide block that ended is probed by one call to any of its models', () => {
    const clock = new FakeClock(0);
    const memory = new RateLimitMemory(clock);
    memory.noteOverloaded({ provider: 'p', model: 'm' }, 5_000);
    clock.advance(5_000);
    const probe = memory.start({ provider: 'p', model: 'n' });
    assert.deepEqual(memory.blocked({ provider: 'p', model: 'm' }), { until: 5_000, scope: 'provider', reason: 'probe' });
    probe.end();
    assert.equal(memory.blocked({ provider: 'p', model: 'm' }), undefined);
  });
});
