// Edges of the block memories over the real adapters and fakes: local Ollama is never skipped (item 4), HTTP-date retry-after is rounded up (item 7).

import { strict as assert } from 'node:assert';
import type { Script } from '../../fakes/script';
import { path } from '../core/routingFakes';
import { ManualTimers } from '../providers/manualTimers';
import { answer, worldPerTest } from './routingWorld';

const NOON = Date.parse('2026-11-22T12:00:00Z');
const busy: Script = { chunks: [], fault: { kind: 'service-unavailable' } };

describe('integration: block edges over the real adapters', function () {
  this.timeout(20_000);
  const start = worldPerTest();

  it('an Ollama 503 "server busy" never blocks the local provider: the next request holding a secret still gets Ollama', async () => {
    const w = await start({ sensitive: () => [{ rule: 'password', kind: 'credential' }], fakes: { ollama: { scripts: [busy, busy], respond: () => answer(['local answer']) } } });
    const first = await w.route({});
    assert.deepEqual(path(first.attempts), ['ollama:qwen2.5-coder:7b=overloaded', 'ollama:qwen2.5:1.5b=overloaded'], 'the fallback was tried after the busy local model');
    const second = await w.route({});
    assert.equal(second.outcome, 'ok', second.failure);
    assert.equal(second.servedBy, 'ollama:qwen2.5-coder:7b');
    assert.equal(w.chats('ollama'), 3);
  });

  it('a local model that timed out (and a busy one) are still called: failure cooldowns and circuits skip no local provider', async () => {
    const timers = new ManualTimers();
    const w = await start({
      schedule: timers.schedule,
      sensitive: () => [{ rule: 'password', kind: 'credential' }],
      fakes: { ollama: { scripts: [{ chunks: ['never'], fault: { kind: 'silent-after-headers' } }, busy, busy, busy], respond: () => answer(['local answer']) } },
    });
    const first = w.route({});
    await w.fakes.ollama.request(0);
    const [deadline] = timers.delays();
    assert.ok(deadline !== undefined);
    timers.fire(deadline);
    assert.deepEqual(path((await first).attempts), ['ollama:qwen2.5-coder:7b=timeout', 'ollama:qwen2.5:1.5b=overloaded']);
    assert.deepEqual(path((await w.route({})).attempts), ['ollama:qwen2.5-coder:7b=overloaded', 'ollama:qwen2.5:1.5b=overloaded']);
    const third = await w.route({});
    assert.equal(third.servedBy, 'ollama:qwen2.5-coder:7b', path(third.attempts).join(' '));
  });

  it('an HTTP-date retry-after (1 s precision) blocks to the end of its second, so no call lands in the window’s last second', async () => {
    const w = await start({
      fakes: {
        deepseek: { scripts: [{ chunks: [], fault: { kind: 'rate-limit', hint: { kind: 'retry-after-date', date: new Date(NOON + 3000) } } }], respond: () => answer(['flash']) },
        openai: { respond: () => answer(['luna']) },
      },
    });
    w.clock.advance(400);
    await w.route({});
    w.clock.advance(3_599); // 12:00:03.999: still inside the named second
    const during = await w.route({});
    assert.deepEqual(path(during.attempts), ['deepseek:deepseek-flash=skipped-rate-limit', 'openai:gpt-6-luna=ok']);
    assert.equal(w.chats('deepseek'), 1);
    w.clock.advance(1);
    assert.equal((await w.route({})).servedBy, 'deepseek:deepseek-flash');
  });
});
