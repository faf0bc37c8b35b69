// Calls in flight count against the requests a provider announced, and one request probes a window that just ended (issue 18 item 8).

import { strict as assert } from 'node:assert';
import type { RouteEvent, RouteResult } from '../../../src/core/routeTypes';
import { anthropicRateLimitHeaders, openAiRateLimitHeaders } from '../../fakes/script';
import type { RecordedRequest, Script } from '../../fakes/script';
import { path } from '../core/routingFakes';
import type { World, WorldProvider } from './routingWorld';
import { answer, worldPerTest } from './routingWorld';

/** A promise and the function that resolves it. */
function gate(): { until: Promise<void>; open: () => void } {
  let open!: () => void;
  const until = new Promise<void>((resolve) => (open = resolve));
  return { until, open };
}

/** Resolves once `n` events after index `from` match. */
async function eventsAfter(w: World, from: number, n: number, matches: (e: RouteEvent) => boolean): Promise<void> {
  const seen = new Set<RouteEvent>();
  while (seen.size < n) {
    const e = await w.event((x) => matches(x) && !seen.has(x) && w.events.indexOf(x) >= from);
    seen.add(e);
  }
}

const NOON = Date.parse('2026-11-22T12:00:00Z');

const cases: { name: string; pool: 'quick' | 'coding'; fake: WorldProvider; model: string; next: string; nextFake: WorldProvider; headers: (remaining: number) => Record<string, string> }[] = [
  {
    name: 'OpenAI-compatible (x-ratelimit-remaining-requests)',
    pool: 'quick',
    fake: 'deepseek',
    model: 'deepseek:deepseek-flash',
    next: 'openai:gpt-6-luna',
    nextFake: 'openai',
    headers: (remaining) => openAiRateLimitHeaders({ limitRequests: 4, remainingRequests: remaining, resetRequests: '60s', limitTokens: 100_000, remainingTokens: 90_000, resetTokens: '1s' }),
  },
  {
    name: 'Anthropic (anthropic-ratelimit-requests-remaining)',
    pool: 'coding',
    fake: 'anthropic',
    model: 'anthropic:claude-sonnet-5-5',
    next: 'openai:gpt-6-sol',
    nextFake: 'openai',
    headers: (remaining) => anthropicRateLimitHeaders({ requests: { limit: 4, remaining, reset: new Date(NOON + 60_000) } }),
  },
];

describe('integration: calls in flight and probes over the real adapters', function () {
  this.timeout(20_000);
  const start = worldPerTest();

  for (const c of cases) {
    it(`${c.name}: a burst sends no more calls than the last response said remain; the rest go elsewhere`, async () => {
      const held = gate();
      let served = 0;
      // A provider allowing 4 requests a minute, answering the burst only once every request has made its choice.
      const respond = (_request: RecordedRequest): Script => {
        served++;
        if (served > 4) return { chunks: [], fault: { kind: 'rate-limit', hint: { kind: 'retry-after-seconds', seconds: 60 } }, holdUntil: held.until };
        return answer([`answer ${served}`], { headers: c.headers(4 - served), ...(served > 1 ? { holdUntil: held.until } : {}) });
      };
      const w = await start({ classify: c.pool, fakes: { [c.fake]: { respond }, openai: { respond: () => answer(['elsewhere']) } } });
      assert.equal((await w.route({})).servedBy, c.model, 'the first answer announces 3 remaining');
      const from = w.events.length;
      const burst: Promise<RouteResult>[] = [];
      for (let i = 0; i < 10; i++) burst.push(w.route({}));
      await eventsAfter(w, from, 10, (e) => e.type === 'attempt-start');
      held.open();
      const results = await Promise.all(burst);
      assert.equal(w.chats(c.fake), 4, 'three burst calls, as announced');
      assert.equal(results.filter((r) => r.servedBy === c.model).length, 3);
      const elsewhere = results.filter((r) => r.servedBy === c.next);
      assert.equal(elsewhere.length, 7);
      for (const r of elsewhere) assert.deepEqual(path(r.attempts), [`${c.model}=skipped-rate-limit`, `${c.next}=ok`]);
      assert.match(elsewhere[0]?.attempts[0]?.detail ?? '', /calls in flight use up the requests it announced, retry in 60 s/);
      assert.equal(results.flatMap((r) => r.attempts).filter((a) => a.outcome === 'rate-limit').length, 0, 'no call answered 429');
    });
  }

  it('lets one request probe a model whose 429 window has just ended; the rest follow once it answered', async () => {
    const held = gate();
    const w = await start({
      fakes: {
        deepseek: {
          scripts: [{ chunks: [], fault: { kind: 'rate-limit', hint: { kind: 'retry-after-seconds', seconds: 20 } } }, answer(['probe'], { holdUntil: held.until })],
          respond: () => answer(['after']),
        },
        openai: { respond: () => answer(['luna']) },
      },
    });
    await w.route({});
    w.clock.advance(20_000);
    const from = w.events.length;
    const burst: Promise<RouteResult>[] = [];
    for (let i = 0; i < 5; i++) burst.push(w.route({}));
    await eventsAfter(w, from, 5, (e) => e.type === 'attempt-start');
    await w.fakes.deepseek.request(1);
    held.open();
    const results = await Promise.all(burst);
    assert.equal(w.chats('deepseek'), 2, 'one probe went in');
    assert.equal(results.filter((r) => r.servedBy === 'deepseek:deepseek-flash').length, 1);
    const waited = results.filter((r) => r.servedBy === 'openai:gpt-6-luna');
    assert.equal(waited.length, 4);
    assert.equal(waited[0]?.attempts[0]?.detail, 'rate limit window just ended, one call is checking it');
    const after = await w.route({});
    assert.equal(after.text, 'after', 'once the probe answered, the model takes calls again');
  });

  it('a probe answered 429 again opens a new window, with no other call in it', async () => {
    const held = gate();
    const again = { chunks: [], fault: { kind: 'rate-limit' as const, hint: { kind: 'retry-after-seconds' as const, seconds: 30 } } };
    const w = await start({
      fakes: {
        deepseek: { scripts: [{ chunks: [], fault: { kind: 'rate-limit', hint: { kind: 'retry-after-seconds', seconds: 20 } } }, { ...again, holdUntil: held.until }], respond: () => answer(['after']) },
        openai: { respond: () => answer(['luna']) },
      },
    });
    await w.route({});
    w.clock.advance(20_000);
    const from = w.events.length;
    const burst = [w.route({}), w.route({}), w.route({})];
    await eventsAfter(w, from, 3, (e) => e.type === 'attempt-start');
    held.open();
    await Promise.all(burst);
    assert.equal(w.chats('deepseek'), 2);
    w.clock.advance(29_000);
    assert.equal((await w.route({})).attempts[0]?.outcome, 'skipped-rate-limit');
    w.clock.advance(1_000);
    assert.equal((await w.route({})).text, 'after');
  });
});
