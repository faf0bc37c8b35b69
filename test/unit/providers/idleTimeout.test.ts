// The idle guard: silence before the first bytes is not timed; once the body has started, every gap is.

import { strict as assert } from 'node:assert';
import { withIdleTimeout } from '../../../src/providers/idleTimeout';
import { ManualTimers } from './manualTimers';

/** A response body the test writes to, and whether it was cancelled. */
function controlledBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const state = { cancelled: undefined as unknown };
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: (reason) => void (state.cancelled = reason ?? 'cancelled'),
  });
  return { stream, state, push: (text: string) => controller.enqueue(new TextEncoder().encode(text)), end: () => controller.close() };
}

async function guarded(timers: ManualTimers, body: ReadableStream<Uint8Array>): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const fetch = withIdleTimeout(async () => new Response(body, { status: 200 }), 500, timers.schedule);
  const response = await fetch('http://127.0.0.1/x');
  return (response.body as ReadableStream<Uint8Array>).getReader();
}

/** Lets pending promise callbacks run (no time passes). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('providers/idleTimeout', () => {
  it('does not time the wait for the first bytes', async () => {
    const timers = new ManualTimers();
    const body = controlledBody();
    const reader = await guarded(timers, body.stream);
    const first = reader.read();
    await settle();
    assert.equal(timers.pending.size, 0, 'no timer while nothing has arrived');
    body.push('a');
    assert.equal(new TextDecoder().decode((await first).value), 'a');
  });

  it('times every gap once the body has started, and a chunk in time resets it', async () => {
    const timers = new ManualTimers();
    const body = controlledBody();
    const reader = await guarded(timers, body.stream);
    body.push('a');
    await reader.read();
    const second = reader.read();
    await settle();
    assert.deepEqual([...timers.pending].map((t) => t.ms), [500]);
    body.push('b');
    assert.equal(new TextDecoder().decode((await second).value), 'b');
    assert.equal(timers.pending.size, 0, 'the chunk cleared the timer');
    const end = reader.read();
    await settle();
    body.end();
    assert.equal((await end).done, true);
  });

  it('errors with a timeout and cancels the body when a started answer goes quiet', async () => {
    const timers = new ManualTimers();
    const body = controlledBody();
    const reader = await guarded(timers, body.stream);
    body.push('a');
    await reader.read();
    const stalled = reader.read();
    await settle();
    timers.fireAll();
    await assert.rejects(stalled, { name: 'CallTimeoutError', message: /No data for 500 ms/ });
    await settle();
    assert.ok(body.state.cancelled, 'the underlying body (the socket) was cancelled');
  });

  it('passes error responses through untouched', async () => {
    const timers = new ManualTimers();
    const fetch = withIdleTimeout(async () => new Response('{"error":"x"}', { status: 500 }), 500, timers.schedule);
    const response = await fetch('http://127.0.0.1/x');
    assert.equal(await response.text(), '{"error":"x"}');
    assert.equal(timers.pending.size, 0);
  });
});
