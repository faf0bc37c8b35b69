// Huge streamed answers over the real adapters and the fakes: a line past MAX_LINE_CHARS fails the call instead of
// being buffered and parsed; the router keeps at most ANSWER_CAP_CHARS of an answer and says why it stopped.

import { strict as assert } from 'node:assert';
import { ANSWER_CAP_CHARS } from '../../../src/core/cascade/runAttempt';
import { MAX_LINE_CHARS } from '../../../src/providers/streamChecks';
import { answer, worldPerTest } from '../integration/routingWorld';
import { chatCall, collect, providerFor, SUBJECTS } from './harness';

describe('huge streamed answers', function () {
  this.timeout(30_000);

  for (const subject of SUBJECTS) {
    it(`${subject.kind}: one delta line longer than the line cap fails the call as malformed, nothing of it delivered`, async () => {
      const fake = await subject.start({ scripts: [{ chunks: ['ok ', 'x'.repeat(MAX_LINE_CHARS + 10)], usage: { inputTokens: 5, outputTokens: 5 } }] });
      try {
        const outcome = await collect(providerFor(subject.kind, fake), chatCall());
        assert.equal(outcome.error?.kind, 'malformed');
        assert.equal(outcome.done.length, 0);
        assert.equal(outcome.deltas.join(''), 'ok ');
      } finally {
        await fake.close();
      }
    });

    it(`${subject.kind}: a line just under the cap, split across many reads, arrives whole`, async () => {
      const big = 'y'.repeat(MAX_LINE_CHARS - 4096);
      const fake = await subject.start({ scripts: [{ chunks: [big, 'z'], usage: { inputTokens: 5, outputTokens: 5 } }] });
      try {
        const outcome = await collect(providerFor(subject.kind, fake), chatCall());
        assert.equal(outcome.error, undefined);
        assert.equal(outcome.deltas.join(''), `${big}z`);
      } finally {
        await fake.close();
      }
    });
  }

  describe('through the router', () => {
    const start = worldPerTest();
    const piece = 'a'.repeat(200_000);

    it('a chat answer past the answer cap shows only the cap, stops the stream and says why', async () => {
      const w = await start({ fakes: { deepseek: { scripts: [answer(Array.from({ length: 8 }, () => piece))] } } });
      const r = await w.route({});
      const shown = w.events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
      assert.equal(shown.length, ANSWER_CAP_CHARS);
      assert.equal(r.text.length, ANSWER_CAP_CHARS);
      assert.equal(r.outcome, 'failed');
      assert.match(r.failure ?? '', /deepseek:deepseek-flash passed 1,000,000 characters/);
      assert.equal(w.chats('openai'), 0, 'text was shown, so no other model');
      await w.fakes.deepseek.requests[0]?.socketClosed;
    });

    it('an edit answer past the cap is not used: the next model answers', async () => {
      const w = await start({
        fakes: { deepseek: { scripts: [answer(Array.from({ length: 8 }, () => piece))] }, openai: { respond: () => answer(['```ts\nconst b = 1;\n```']) } },
      });
      const r = await w.route({ kind: 'edit', instruction: 'rename', selection: 'const a = 1;', languageId: 'typescript' });
      assert.equal(r.outcome, 'ok');
      assert.equal(r.servedBy, 'openai:gpt-6-luna');
      assert.equal(r.attempts[0]?.outcome, 'malformed');
    });
  });
});
