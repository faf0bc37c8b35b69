// A request the server keeps queued (keep-alive comments only) is given up as `overloaded`; one that starts is not.

import { strict as assert } from 'node:assert';
import { DEFAULT_QUEUE_PATIENCE_MS, withKeepAliveWatch } from '../../../src/providers/queuePatience';
import { chatCall, collect, providerFor, SUBJECTS, tappedFetch } from './harness';
import { createProvider, queueTimeout } from '../../../src/providers/createProvider';
import { ManualTimers } from './manualTimers';

function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const state: { cancelled?: unknown } = {};
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c), cancel: (r) => void (state.cancelled = r ?? true) });
  return { stream, state, push: (text: string) => controller.enqueue(new TextEncoder().encode(text)) };
}

async function watchedReader(body: ReadableStream<Uint8Array>, contentType = 'text/event-stream') {
  const seen = { keepAlives: 0 };
  const fetch = withKeepAliveWatch(async () => new Response(body, { status: 200, headers: { 'content-type': contentType } }), () => seen.keepAlives++);
  const reader = ((await fetch('http://127.0.0.1/v1/chat/completions')).body as ReadableStream<Uint8Array>).getReader();
  return { reader, seen };
}

describe('providers/queuePatience', () => {
  it('reports each chunk of keep-alive comments, passing them through untouched', async () => {
    const body = eventStream();
    const { reader, seen } = await watchedReader(body.stream);
    body.push(': keep-alive\n\n');
    assert.equal(new TextDecoder().decode((await reader.read()).value), ': keep-alive\n\n');
    body.push(': keep-al');
    await reader.read();
    assert.equal(seen.keepAlives, 2);
  });

  it('a blank line is not a keep-alive', async () => {
    const body = eventStream();
    const { reader, seen } = await watchedReader(body.stream);
    body.push('\n');
    await reader.read();
    assert.equal(seen.keepAlives, 0);
    body.push(': keep-alive\r\n\r\n');
    await reader.read();
    assert.equal(seen.keepAlives, 1);
  });

  it('gives api.deepseek.com a queue timeout by default, other servers only when configured', () => {
    const config = (baseUrl: string, queueTimeoutMs?: number) => ({ id: 'x', kind: 'openai' as const, baseUrl, timeoutMs: 5000, ...(queueTimeoutMs ? { queueTimeoutMs } : {}) });
    assert.deepEqual(queueTimeout(config('https://api.deepseek.com')), { queueTimeoutMs: DEFAULT_QUEUE_PATIENCE_MS });
    assert.deepEqual(queueTimeout(config('https://api.openai.com/v1')), {});
    assert.deepEqual(queueTimeout(config('https://openrouter.ai/api/v1', 9000)), { queueTimeoutMs: 9000 });
  });

  it('stops looking once the first data line arrives, even split across chunks', async () => {
    const body = eventStream();
    const { reader, seen } = await watchedReader(body.stream);
    body.push(': keep-alive\n\nda');
    await reader.read();
    body.push(': keep-alive\n\n');
    await reader.read();
    assert.equal(seen.keepAlives, 0, 'a line that is not a comment started the answer');
  });

  it('leaves responses that are not event streams alone', async () => {
    const body = eventStream();
    const { reader, seen } = await watchedReader(body.stream, 'application/json');
    body.push(': keep-alive\n\n');
    await reader.read();
    assert.equal(seen.keepAlives, 0);
  });

  describe('against the OpenAI fake (DeepSeek under load)', () => {
    const openai = SUBJECTS.find((s) => s.kind === 'openai');
    it('a request kept queued → overloaded at the queue deadline, from the call’s own watch; no text, socket closed', async () => {
      const fake = await openai!.start({ scripts: [{ chunks: ['never'], fault: { kind: 'queued', everyMs: 2 } }] });
      try {
        const timers = new ManualTimers();
        const tap = tappedFetch();
        const provider = createProvider(
          { id: 'deepseek', kind: 'openai', baseUrl: fake.baseUrl, timeoutMs: 5000, queueTimeoutMs: 1000 },
          { getApiKey: async () => 'sk-test', schedule: timers.schedule, fetch: tap.fetch },
        );
        const pending = collect(provider, chatCall());
        await tap.chunks(3);
        assert.ok(timers.delays().includes(1000), 'the first keep-alive armed the queue deadline');
        timers.fire(1000);
        const outcome = await pending;
        assert.equal(outcome.error?.kind, 'overloaded');
        assert.match(outcome.error?.message ?? '', /queued/);
        assert.deepEqual(outcome.deltas, []);
        await (await fake.request(0)).socketClosed;
      } finally {
        await fake.close();
      }
    });

    it('a short queue then the answer → the answer, every timer cleared', async () => {
      const fake = await openai!.start({ scripts: [{ chunks: ['a', 'b'], fault: { kind: 'queued', everyMs: 2, comments: 3 } }] });
      try {
        const timers = new ManualTimers();
        const outcome = await collect(providerFor('openai', fake, { schedule: timers.schedule, config: { queueTimeoutMs: 1000 } }), chatCall());
        assert.equal(outcome.error, undefined);
        assert.deepEqual(outcome.deltas, ['a', 'b']);
        assert.equal(timers.pending.size, 0);
      } finally {
        await fake.close();
      }
    });
  });
});
