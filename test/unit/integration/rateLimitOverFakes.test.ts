// Rate-limit windows learned early and respected under concurrency, over the real adapters and the protocol fakes.

import { strict as assert } from 'node:assert';
import { anthropicRateLimitHeaders, openAiRateLimitHeaders } from '../../fakes/script';
import type { Script } from '../../fakes/script';
import { path } from '../core/routingFakes';
import { answer, worldPerTest } from './routingWorld';

const refused = (): Script => ({ chunks: [], fault: { kind: 'rate-limit', hint: { kind: 'retry-after-seconds', seconds: 20 } } });

/** A promise and the function that resolves it. */
function gate(): { until: Promise<void>; open: () => void } {
  let open!: () => void;
  const until = new Promise<void>((resolve) => (open = resolve));
  return { until, open };
}

describe('integration: rate-limit windows over the real adapters', function () {
  this.timeout(20_000);
  const start = worldPerTest();

  describe('headers are learned when the response starts, not when the stream ends', () => {
    const cases = [
      {
        name: 'OpenAI-compatible (x-ratelimit-*)',
        pool: 'quick' as const,
        fake: 'deepseek' as const,
        model: 'deepseek:deepseek-flash',
        next: 'openai:gpt-6-luna',
        headers: openAiRateLimitHeaders({ limitRequests: 60, remainingRequests: 0, resetRequests: '20s', limitTokens: 1000, remainingTokens: 900, resetTokens: '1s' }),
      },
      {
        name: 'Anthropic (anthropic-ratelimit-*)',
        pool: 'coding' as const,
        fake: 'anthropic' as const,
        model: 'anthropic:claude-sonnet-5-5',
        next: 'openai:gpt-6-sol',
        headers: anthropicRateLimitHeaders({ requests: { limit: 50, remaining: 0, reset: new Date(Date.parse('2026-11-22T12:00:20Z')) } }),
      },
    ];
    for (const c of cases) {
      it(`${c.name}: a slow stream announcing remaining 0 keeps a concurrent request off the model`, async () => {
        const slow = gate();
        const w = await start({
          classify: c.pool,
          fakes: {
            [c.fake]: { scripts: [answer(['slow ', 'answer'], { headers: c.headers, fault: { kind: 'paused', afterChunks: 1, until: slow.until } })], respond: refused },
            openai: { respond: () => answer(['other']) },
          },
        });
        const first = w.route({});
        await w.event((e) => e.type === 'delta' && e.text === 'slow ');
        const second = await w.route({});
        assert.deepEqual(path(second.attempts), [`${c.model}=skipped-rate-limit`, `${c.next}=ok`]);
        assert.equal(w.chats(c.fake), 1, 'no call went into the announced window');
        slow.open();
        assert.equal((await first).text, 'slow answer');
      });
    }
  });
});
