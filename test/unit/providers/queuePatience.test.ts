// A request the server keeps queued (keep-alive comments only) is given up as `overloaded`; one that starts is not.

import { strict as assert } from 'node:assert';
import { DEFAULT_QUEUE_PATIENCE_MS, withQueuePatience, type QueuedTooLongError } from '../../../src/providers/queuePatience';
import { chatCall, collect, providerFor, SUBJECTS } from './harness';
import { createProvider, queueTimeout } from '../../../src/providers/createProvider';
import { ManualTimers } from './manualTimers';

function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const state: { cancelled?: unknown } = {};
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c), cancel: (r) => void (state.cancelled = r ?? true) });
  return { stream, state, push: (text: string) => controller.enqueue(new TextEncoder().encode(text)) };
}

async function patientReader(timers: ManualTimers, body: ReadableStream<Uint8Array>, contentType = 'text/event-stream') {
  const fetch = withQueuePatience(async () => new Response(body, { status: 200, headers: { 'content-type': contentType } }), 1000, timers.schedule);
  return ((await fetch('http://127.0.0.1/v1/chat/completions')).body as ReadableStream<Uint8Array>).getReader();
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('providers/queuePatience', () => {
  it('gives up when only keep-alive comments came before the deadline, and cancels the body', async () => {
    const timers = new ManualTimers();
    const body = eventStream();
    const reader = await patientReader(timers, body.stream);
    body.push(': keep-alive\n\n');
    await reader.read(); // comments pass through untouched
    body.push(': keep-al');
    await reader.read();
    const waiting = reader.read();
    await settle();
    timers.fireAll();
    await assert.rejects(waiting, (error: QueuedTooLongError) => error.name === 'QueuedTooLongError');
    await settle();
    assert.ok(body.state.cancelled, 'the socket is let go');
  });

  it('does not time plain silence (a model thinking), only a stream of keep-alive comments', async () => {
    const timers = new ManualTimers();
    const body = eventStream();
    const reader = await patientReader(timers, body.stream);
    const first = reader.read();
    await settle();
    assert.equal(timers.pending.size, 0, 'no bytes yet: not timed');
    body.push('\n');
    await first;
    assert.equal(timers.pending.size, 0, 'a blank line is not a keep-alive');
    body.push(': keep-alive\r\n\r\n');
    await reader.read();
    assert.equal(timers.pending.size, 1, 'the first comment starts the clock');
  });

  it('gives api.deepseek.com a queue timeout by default, other servers only when configured', () => {
    const config = (baseUrl: string, queueTimeoutMs?: number) => ({ id: 'x', kind: 'openai' as const, baseUrl, timeoutMs: 5000, ...(queueTimeoutMs ? { queueTimeoutMs } : {}) });
    assert.deepEqual(queueTimeout(config('https://api.deepseek.com')), { queueTimeoutMs: DEFAULT_QUEUE_PATIENCE_MS });
    assert.deepEqual(queueTimeout(config('https://api.openai.com/v1')), {});
    assert.deepEqual(queueTimeout(config('https://openrouter.ai/api/v1', 9000)), { queueTimeoutMs: 9000 });
  });

  it('stops watching once the first data line arrives, even split across chunks', async () => {
    const timers = new ManualTimers();
    const body = eventStream();
    const reader = await patientReader(timers, body.stream);
    body.push(': keep-alive\n\nda');
    await reader.read();
    assert.equal(timers.pending.size, 0, 'a line that is not a comment started the answer');
  });

  it('leaves responses that are not event streams alone', async () => {
    const timers = new ManualTimers();
    const body = eventStream();
    await patientReader(timers, body.stream, 'application/json');
    assert.equal(timers.pending.size, 0);
  });

  describe('against the OpenAI fake (DeepSeek under load)', () => {
    const openai = SUBJECTS.find((s) => s.kind === 'openai');
    it('a request kept queued → overloaded, no text, socket closed', async () => {
      const fake = await openai!.start({ scripts: [{ chunks: ['never'], fault: { kind: 'queued', everyMs: 20 } }] });
      try {
        const provider = createProvider(
          { id: 'deepseek', kind: 'openai', baseUrl: fake.baseUrl, timeoutMs: 5000, queueTimeoutMs: 1000 },
          { getApiKey: async () => 'sk-test' },
        );
        const outcome = await collect(provider, chatCall());
        assert.equal(outcome.error?.kind, 'overloaded');
        assert.match(outcome.error?.message ?? '', /queued/);
        assert.deepEqual(outcome.deltas, []);
        await (await fake.request(0)).socketClosed;
      } finally {
        await fake.close();
      }
    });

    it('a short queue then the answer → the answer', async () => {
      const fake = await openai!.start({ scripts: [{ chunks: ['a', 'b'], fault: { kind: 'queued', everyMs: 5, comments: 3 } }] });
      try {
        const outcome = await collect(providerFor('openai', fake), chatCall());
        assert.equal(outcome.error, undefined);
        assert.deepEqual(outcome.deltas, ['a', 'b']);
      } finally {
        await fake.close();
      }
    });
  });
});
