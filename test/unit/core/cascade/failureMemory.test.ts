// Timeouts and broken answers are remembered, and a provider failing again and again opens a circuit (issue 18 items 2 and 3).

import { strict as assert } from 'node:assert';
import { DEFAULT_FAILURE_WAITS, FailureMemory } from '../../../../src/core/cascade/failureMemory';
import type { ChatCall, ChatEvent, ChatProvider } from '../../../../src/core/ports';
import { ProviderError } from '../../../../src/core/providerError';
import { DEFAULT_USAGE, FakeClock, FakeProvider, makeHarness, path } from '../routingFakes';
import type { Reply } from '../routingFakes';

const timeout = (): Reply => ({ throws: new ProviderError('timeout', 'No answer content within 180 s.') });

/** A provider whose answers wait for the test: `release()` lets the oldest waiting call answer `text`. */
class GatedProvider implements ChatProvider {
  readonly isLocal = false;
  readonly calls: ChatCall[] = [];
  private readonly waiting: ((reply: Reply) => void)[] = [];
  private readonly arrived: (() => void)[] = [];
  constructor(readonly id: string) {}
  /** Resolves once `n` calls have arrived. */
  async called(n: number): Promise<void> {
    while (this.calls.length < n) await new Promise<void>((resolve) => this.arrived.push(resolve));
  }
  answer(reply: Reply): void {
    const next = this.waiting.shift();
    if (!next) throw new Error('no call is waiting');
    next(reply);
  }
  async *streamChat(call: ChatCall): AsyncIterable<ChatEvent> {
    this.calls.push(call);
    const reply = new Promise<Reply>((resolve) => this.waiting.push(resolve));
    for (const wake of this.arrived.splice(0)) wake();
    const r = await reply;
    if ('throws' in r) throw r.throws;
    yield { type: 'delta', text: typeof r.text === 'string' ? r.text : r.text.join('') };
    yield { type: 'done', usage: DEFAULT_USAGE, servedModel: call.model, finishReason: 'stop' };
  }
}

function world(deepseekFlash: Reply | readonly Reply[], deepseekPro: Reply | readonly Reply[] = { text: 'pro' }, ollamaSmall: Reply | readonly Reply[] = { text: 'local' }) {
  const clock = new FakeClock();
  const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': deepseekFlash, 'deepseek-v4-pro': deepseekPro });
  const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'luna' } });
  const anthropic = new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': { text: 'sonnet' } });
  const ollama = new FakeProvider('ollama', true, { small: ollamaSmall, fallback: { text: 'fb' } });
  const pools = { quick: ['deepseek:deepseek-flash', 'openai:gpt-6-luna'], coding: ['deepseek:deepseek-v4-pro', 'anthropic:claude-sonnet-5-5'] };
  const h = makeHarness({ providers: [deepseek, openai, anthropic, ollama], clock, pools });
  return { h, clock, deepseek, ollama };
}

describe('cascade: failure memory (timeouts, broken answers, circuit)', () => {
  it('skips a model that timed out for the cooldown, says why, then calls it again', async () => {
    const { h, clock, deepseek } = world([timeout(), { text: 'flash back' }]);
    const first = await h.route({});
    assert.deepEqual(path(first.attempts), ['deepseek:deepseek-flash=timeout', 'openai:gpt-6-luna=ok']);
    clock.advance(DEFAULT_FAILURE_WAITS.timeoutMs - 20_000);
    const second = await h.route({});
    assert.deepEqual(path(second.attempts), ['deepseek:deepseek-flash=skipped-failing', 'openai:gpt-6-luna=ok']);
    assert.equal(second.attempts[0]?.detail, 'timed out last time, skipped for 20 s more');
    assert.equal(deepseek.callsTo('deepseek-flash'), 1, 'no second call into the hanging model');
    clock.advance(20_000);
    const third = await h.route({});
    assert.equal(third.servedBy, 'deepseek:deepseek-flash');
  });

  it('doubles the cooldown when the model times out again, and a success resets it', async () => {
    const { h, clock } = world([timeout(), timeout(), { text: 'ok' }, timeout()]);
    await h.route({});
    clock.advance(DEFAULT_FAILURE_WAITS.timeoutMs);
    await h.route({});
    clock.advance(DEFAULT_FAILURE_WAITS.timeoutMs);
    assert.match((await h.route({})).attempts[0]?.detail ?? '', /timed out 2 times in a row, skipped for 600 s more/);
    clock.advance(DEFAULT_FAILURE_WAITS.timeoutMs);
    assert.equal((await h.route({})).text, 'ok');
    await h.route({});
    clock.advance(DEFAULT_FAILURE_WAITS.timeoutMs);
    assert.equal((await h.route({})).attempts[0]?.outcome, 'timeout', 'after a success the wait starts from the base again');
  });

  it('remembers an answer that broke off after its first visible token: the next request skips that model', async () => {
    const { h, deepseek } = world({ throws: new ProviderError('unavailable', 'socket hang up'), afterDeltas: ['Partial '] });
    const first = await h.route({});
    assert.equal(first.outcome, 'failed');
    assert.equal(first.text, 'Partial ');
    const second = await h.route({});
    assert.deepEqual(path(second.attempts), ['deepseek:deepseek-flash=skipped-rate-limit', 'openai:gpt-6-luna=ok']);
    assert.equal(deepseek.calls.length, 1);
  });

  it('a broken answer that the rate-limit memory does not cover (malformed) is skipped as broken off', async () => {
    const { h } = world({ throws: new ProviderError('malformed', 'The stream ended without a final event.'), afterDeltas: ['Half'] });
    await h.route({});
    const second = await h.route({});
    assert.deepEqual(path(second.attempts), ['deepseek:deepseek-flash=skipped-failing', 'openai:gpt-6-luna=ok']);
    assert.equal(second.attempts[0]?.detail, 'answer broke off last time, skipped for 300 s more');
  });

  it('does not hold a prompt found too long after the first token against the model: the next request calls it again', async () => {
    const { h, deepseek } = world({ throws: new ProviderError('context-too-long', 'cut', { contextTokens: 8192 }), afterDeltas: ['Half'] });
    assert.equal((await h.route({})).outcome, 'failed');
    const second = await h.route({});
    assert.deepEqual(path(second.attempts), ['deepseek:deepseek-flash=context-too-long']);
    assert.equal(deepseek.calls.length, 2);
  });

  it('opens the circuit after three failures in a row of one provider, over its models', async () => {
    const { h, deepseek } = world(timeout(), timeout());
    await h.route({});
    const coding = await h.route({ explicitPool: 'coding' });
    assert.deepEqual(path(coding.attempts), ['deepseek:deepseek-v4-pro=timeout', 'anthropic:claude-sonnet-5-5=ok']);
    // Two timeouts so far; a third failure (a 5xx elsewhere) opens the circuit.
    const memory = h.router.failures;
    memory.start({ provider: 'deepseek', model: 'deepseek-r2' }).end({ ok: false, kind: 'unavailable', afterOutput: false });
    const blocked = memory.blocked({ provider: 'deepseek', model: 'deepseek-other' });
    assert.equal(blocked?.reason, 'circuit-open');
    assert.equal(deepseek.calls.length, 2);
  });

  it('lets exactly one request probe a circuit whose wait is over, and closes it when the probe succeeds', async () => {
    const clock = new FakeClock();
    const deepseek = new GatedProvider('deepseek');
    const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'luna' } });
    const others = ['anthropic'].map((id) => new FakeProvider(id, false, {}));
    const ollama = new FakeProvider('ollama', true, { small: { text: 'local' }, fallback: { text: 'fb' } });
    const h = makeHarness({ providers: [deepseek as unknown as FakeProvider, openai, ...others, ollama], clock });
    // 5xx before any output: no model cooldown, only the rate-limit memory's 10 s provider block, waited out each time.
    for (let i = 0; i < 3; i++) {
      const r = h.route({});
      await deepseek.called(i + 1);
      deepseek.answer({ throws: new ProviderError('unavailable', '503') });
      await r;
      clock.advance(10_000);
    }
    const open = await h.route({});
    assert.deepEqual(path(open.attempts), ['deepseek:deepseek-flash=skipped-failing', 'openai:gpt-6-luna=ok']);
    assert.match(open.attempts[0]?.detail ?? '', /failed 3 times in a row \(circuit open\), retry in 110 s/);
    clock.advance(DEFAULT_FAILURE_WAITS.circuitMs - 10_000);
    const probe = h.route({});
    await deepseek.called(4);
    const during = await h.route({});
    // The 503s also left a provider window in the rate-limit memory, which this probe checks too: either may say so.
    assert.deepEqual(path(during.attempts).slice(1), ['openai:gpt-6-luna=ok']);
    assert.match(during.attempts[0]?.detail ?? '', /checking/);
    assert.equal(deepseek.calls.length, 4, 'only the probe went in');
    deepseek.answer({ text: 'back' });
    assert.equal((await probe).servedBy, 'deepseek:deepseek-flash');
    const after = h.route({});
    await deepseek.called(5);
    deepseek.answer({ text: 'closed' });
    assert.equal((await after).text, 'closed', 'the circuit closed on the probe’s success');
  });

  it('reopens the circuit for twice as long when the probe fails', () => {
    const clock = new FakeClock(0);
    const memory = new FailureMemory(clock);
    const ref = { provider: 'p', model: 'm' };
    const other = { provider: 'p', model: 'n' };
    for (let i = 0; i < 3; i++) memory.start(other).end({ ok: false, kind: 'unavailable', afterOutput: false });
    assert.equal(memory.blocked(ref)?.until, 120_000);
    clock.advance(120_000);
    const probe = memory.start(ref);
    assert.equal(probe.probe, true);
    assert.equal(memory.start(other).probe, false, 'a second claim is no probe');
    probe.end({ ok: false, kind: 'timeout', afterOutput: false });
    assert.deepEqual(memory.blocked(other), { until: 360_000, scope: 'provider', reason: 'circuit-open', failures: 4 });
  });

  it('a cancelled probe leaves the circuit half-open for the next request', () => {
    const clock = new FakeClock(0);
    const memory = new FailureMemory(clock);
    const ref = { provider: 'p', model: 'm' };
    for (let i = 0; i < 3; i++) memory.start(ref).end({ ok: false, kind: 'overloaded', afterOutput: false });
    clock.advance(DEFAULT_FAILURE_WAITS.circuitMs);
    const probe = memory.start(ref);
    assert.equal(memory.blocked(ref)?.reason, 'circuit-probe');
    probe.end({ ok: false, kind: 'cancelled', afterOutput: false });
    assert.equal(memory.blocked({ provider: 'p', model: 'x' }), undefined);
    assert.equal(memory.start(ref).probe, true);
  });

  it('an answer of any kind (429, 400, 404) resets the streak: the provider is up', () => {
    const memory = new FailureMemory(new FakeClock(0));
    const ref = { provider: 'p', model: 'm' };
    memory.start(ref).end({ ok: false, kind: 'unavailable', afterOutput: false });
    memory.start(ref).end({ ok: false, kind: 'unavailable', afterOutput: false });
    memory.start(ref).end({ ok: false, kind: 'rate-limit', afterOutput: false });
    memory.start(ref).end({ ok: false, kind: 'unavailable', afterOutput: false });
    assert.equal(memory.blocked(ref), undefined);
  });

  it('never skips a local model that timed out: the local pool and the fallback always get their try', async () => {
    const { h, ollama } = world({ text: 'unused' }, { text: 'unused' }, [timeout(), timeout(), timeout(), timeout(), { text: 'local back' }]);
    for (let i = 0; i < 4; i++) await h.route({ explicitPool: 'local' });
    const r = await h.route({ explicitPool: 'local' });
    assert.equal(r.text, 'local back', path(r.attempts).join(' '));
    assert.equal(ollama.callsTo('small'), 5);
  });
});
