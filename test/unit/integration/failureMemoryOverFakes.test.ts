// Timeouts and broken answers remembered, and a failing provider's circuit, over the real adapters and the protocol fakes.

import { strict as assert } from 'node:assert';
import { DEFAULT_FAILURE_WAITS } from '../../../src/core/cascade/failureMemory';
import type { Fault, Script } from '../../fakes/script';
import { path } from '../core/routingFakes';
import { ManualTimers } from '../providers/manualTimers';
import type { World, WorldProvider } from './routingWorld';
import { answer, worldPerTest } from './routingWorld';

/** A promise and the function that resolves it. */
function gate(): { until: Promise<void>; open: () => void } {
  let open!: () => void;
  const until = new Promise<void>((resolve) => (open = resolve));
  return { until, open };
}

/** Routes one request into a model whose body never starts, and fires its first-content deadline once the fake has the call. */
async function routeIntoHang(w: World, timers: ManualTimers, fake: WorldProvider, index: number) {
  const pending = w.route({});
  await w.fakes[fake].request(index);
  const [first] = timers.delays();
  assert.ok(first !== undefined, 'the first-content deadline is armed');
  timers.fire(first);
  return pending;
}

describe('integration: failure memory over the real adapters', function () {
  this.timeout(20_000);
  const start = worldPerTest();

  const hanging = [
    { name: 'OpenAI-compatible', pool: 'quick' as const, fake: 'deepseek' as const, model: 'deepseek:deepseek-flash', next: 'openai:gpt-6-luna' },
    { name: 'Anthropic', pool: 'coding' as const, fake: 'anthropic' as const, model: 'anthropic:claude-sonnet-5-5', next: 'openai:gpt-6-sol' },
  ];
  for (const c of hanging) {
    it(`${c.name}: a model that timed out (headers, then silence) is skipped by the next request until its cooldown ends`, async () => {
      const timers = new ManualTimers();
      const w = await start({
        classify: c.pool,
        schedule: timers.schedule,
        fakes: { [c.fake]: { scripts: [{ chunks: ['never'], fault: { kind: 'silent-after-headers' } }], respond: () => answer(['back']) }, openai: { respond: () => answer(['other']) } },
      });
      const first = await routeIntoHang(w, timers, c.fake, 0);
      assert.deepEqual(path(first.attempts), [`${c.model}=timeout`, `${c.next}=ok`]);
      const second = await w.route({});
      assert.deepEqual(path(second.attempts), [`${c.model}=skipped-failing`, `${c.next}=ok`]);
      assert.equal(second.attempts[0]?.detail, 'timed out last time, skipped for 600 s more');
      assert.equal(w.chats(c.fake), 1, 'the second request did not walk into the hanging model');
      w.clock.advance(DEFAULT_FAILURE_WAITS.timeoutMs);
      const third = await w.route({});
      assert.equal(third.servedBy, c.model);
      assert.equal(third.text, 'back');
    });
  }

  const brokenAfterFirstToken: { name: string; fake: WorldProvider; pool: 'quick' | 'coding'; model: string; next: string; fault: Fault; skip: string }[] = [
    { name: 'OpenAI-compatible socket drop', fake: 'deepseek', pool: 'quick', model: 'deepseek:deepseek-flash', next: 'openai:gpt-6-luna', fault: { kind: 'drop-mid-stream', afterChunks: 1 }, skip: 'skipped-rate-limit' },
    { name: 'OpenAI-compatible stream ending without [DONE]', fake: 'deepseek', pool: 'quick', model: 'deepseek:deepseek-flash', next: 'openai:gpt-6-luna', fault: { kind: 'truncated' }, skip: 'skipped-failing' },
    { name: 'Anthropic in-stream overloaded_error', fake: 'anthropic', pool: 'coding', model: 'anthropic:claude-sonnet-5-5', next: 'openai:gpt-6-sol', fault: { kind: 'error-mid-stream', afterChunks: 1 }, skip: 'skipped-rate-limit' },
    { name: 'Anthropic in-stream api_error', fake: 'anthropic', pool: 'coding', model: 'anthropic:claude-sonnet-5-5', next: 'openai:gpt-6-sol', fault: { kind: 'error-mid-stream', afterChunks: 1, errorType: 'api_error' }, skip: 'skipped-rate-limit' },
  ];
  for (const c of brokenAfterFirstToken) {
    it(`${c.name} after the first visible token: the request fails, and the next one skips that model`, async () => {
      const broken: Script = { chunks: ['Partial ', 'answer'], fault: c.fault };
      const w = await start({ classify: c.pool, fakes: { [c.fake]: { scripts: [broken], respond: () => answer(['again']) }, openai: { respond: () => answer(['other']) } } });
      const first = await w.route({});
      assert.equal(first.outcome, 'failed');
      assert.equal(first.text.startsWith('Partial '), true, first.text);
      assert.deepEqual(path(first.attempts), [`${c.model}=${first.attempts[0]?.outcome}`]);
      const second = await w.route({});
      assert.deepEqual(path(second.attempts), [`${c.model}=${c.skip}`, `${c.next}=ok`]);
      assert.equal(w.chats(c.fake), 1, 'no call into the model that just broke');
    });
  }

  it('opens the circuit of a provider failing three times in a row, lets one request probe it, and closes it on success', async () => {
    const probeAnswer = gate();
    const w = await start({
      fakes: {
        deepseek: {
          scripts: [{ chunks: [], fault: { kind: 'server-error' } }, { chunks: [], fault: { kind: 'server-error' } }, { chunks: [], fault: { kind: 'server-error' } }, answer(['probe ', 'ok'], { fault: { kind: 'paused', afterChunks: 1, until: probeAnswer.until } })],
          respond: () => answer(['closed']),
        },
        openai: { respond: () => answer(['luna']) },
      },
    });
    for (let i = 0; i < 3; i++) {
      assert.equal((await w.route({})).attempts[0]?.outcome, 'unavailable');
      w.clock.advance(10_000); // the rate-limit memory's own 10 s "unreachable" block
    }
    const open = await w.route({});
    assert.deepEqual(path(open.attempts), ['deepseek:deepseek-flash=skipped-failing', 'openai:gpt-6-luna=ok']);
    assert.equal(open.attempts[0]?.detail, 'provider failed 3 times in a row (circuit open), retry in 110 s');
    w.clock.advance(110_000);
    const probe = w.route({});
    await w.event((e) => e.type === 'delta' && e.text === 'probe ');
    const during = await w.route({});
    assert.deepEqual(path(during.attempts), ['deepseek:deepseek-flash=skipped-failing', 'openai:gpt-6-luna=ok']);
    assert.equal(w.chats('deepseek'), 4, 'only the probe went in');
    probeAnswer.open();
    assert.equal((await probe).text, 'probe ok');
    const after = await w.route({});
    assert.equal(after.text, 'closed');
    assert.equal(w.chats('deepseek'), 5);
  });
});
