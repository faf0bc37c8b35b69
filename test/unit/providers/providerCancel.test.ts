// Cancel, timeout and refused connections, per provider: the right kind, and no socket left open.

import { strict as assert } from 'node:assert';
import { chatCall, collect, providerFor, SUBJECTS } from './harness';
import { ManualTimers } from './manualTimers';

/** The call timeout (headers, and the idle gap once content flows), apart from the other deadlines; fired by hand. */
const HEADERS_MS = 4000;
const FIRST_MS = 7000;
const TOTAL_MS = 9000;

describe('providers: cancel, timeout, connection refused', () => {
  for (const subject of SUBJECTS) {
    describe(subject.kind, () => {
      it('cancel mid-stream → cancelled, and the server sees its socket closed', async () => {
        const fake = await subject.start({ scripts: [{ chunks: ['a', 'b'], fault: { kind: 'stall', afterChunks: 1 } }] });
        try {
          const controller = new AbortController();
          const outcome = await collect(providerFor(subject.kind, fake), chatCall({ signal: controller.signal }), () => controller.abort());
          assert.equal(outcome.error?.kind, 'cancelled');
          assert.deepEqual(outcome.deltas, ['a']);
          assert.equal(outcome.done.length, 0);
          await (await fake.request(0)).socketClosed;
        } finally {
          await fake.close();
        }
      });

      it('cancel before headers → cancelled, and the server sees its socket closed', async () => {
        const fake = await subject.start({ scripts: [{ chunks: [], fault: { kind: 'hang' } }] });
        try {
          const controller = new AbortController();
          const running = collect(providerFor(subject.kind, fake), chatCall({ signal: controller.signal }));
          const request = await fake.request(0);
          controller.abort();
          const outcome = await running;
          assert.equal(outcome.error?.kind, 'cancelled');
          await request.socketClosed;
        } finally {
          await fake.close();
        }
      });

      it('an already-aborted signal → cancelled without a request', async () => {
        const fake = await subject.start({ scripts: [{ chunks: ['a'] }] });
        try {
          const controller = new AbortController();
          controller.abort();
          const outcome = await collect(providerFor(subject.kind, fake), chatCall({ signal: controller.signal }));
          assert.equal(outcome.error?.kind, 'cancelled');
          assert.equal(fake.requests.length, 0);
        } finally {
          await fake.close();
        }
      });

      it('a consumer that stops reading closes the socket', async () => {
        const fake = await subject.start({ scripts: [{ chunks: ['a', 'b'], fault: { kind: 'stall', afterChunks: 1 } }] });
        try {
          for await (const event of providerFor(subject.kind, fake).streamChat(chatCall())) {
            if (event.type === 'usage') continue; // Anthropic's message_start usage comes first
            assert.equal(event.type, 'delta');
            break;
          }
          await (await fake.request(0)).socketClosed;
        } finally {
          await fake.close();
        }
      });

      it('no headers within the timeout → timeout, socket closed', async () => {
        const fake = await subject.start({ scripts: [{ chunks: [], fault: { kind: 'hang' } }] });
        try {
          const timers = new ManualTimers();
          const outcome = collect(providerFor(subject.kind, fake, { timeoutMs: HEADERS_MS, schedule: timers.schedule }), chatCall());
          await fake.request(0);
          timers.fire(HEADERS_MS);
          const { error } = await outcome;
          assert.equal(error?.kind, 'timeout');
          assert.match(error?.message ?? '', /No response within 4 s/);
          assert.equal(timers.pending.size, 0, 'every timer cleared');
          await (await fake.request(0)).socketClosed;
        } finally {
          await fake.close();
        }
      });

      it('a stream that goes quiet after its first chunk → timeout, the delta kept, socket closed', async () => {
        const fake = await subject.start({ scripts: [{ chunks: ['a', 'b'], fault: { kind: 'stall', afterChunks: 1 } }] });
        try {
          const timers = new ManualTimers();
          let delivered!: () => void;
          const firstDelta = new Promise<void>((resolve) => (delivered = resolve));
          const provider = providerFor(subject.kind, fake, { timeoutMs: HEADERS_MS, schedule: timers.schedule, config: { firstContentTimeoutMs: FIRST_MS, totalTimeoutMs: TOTAL_MS } });
          const running = collect(provider, chatCall(), () => delivered());
          await firstDelta;
          assert.deepEqual(timers.delays(), [HEADERS_MS, TOTAL_MS], 'the first delta armed the idle deadline (the call timeout) and met the others');
          timers.fire(HEADERS_MS);
          const outcome = await running;
          assert.equal(outcome.error?.kind, 'timeout');
          assert.match(outcome.error?.message ?? '', /No content for 4 s after the answer started/);
          assert.deepEqual(outcome.deltas, ['a']);
          assert.equal(outcome.done.length, 0);
          await (await fake.request(0)).socketClosed;
        } finally {
          await fake.close();
        }
      });

      it('the per-call timeout overrides the configured one', async () => {
        const fake = await subject.start({ scripts: [{ chunks: [], fault: { kind: 'hang' } }] });
        try {
          const timers = new ManualTimers();
          const outcome = collect(providerFor(subject.kind, fake, { timeoutMs: 60_000, schedule: timers.schedule }), chatCall({ timeoutMs: HEADERS_MS }));
          await fake.request(0);
          assert.ok(timers.delays().includes(HEADERS_MS), `the call's own timeout armed (pending: ${timers.delays().join(', ')})`);
          timers.fire(HEADERS_MS);
          assert.equal((await outcome).error?.kind, 'timeout');
        } finally {
          await fake.close();
        }
      });

      it('connection refused → unavailable (chat and model listing)', async () => {
        const fake = await subject.start({});
        await fake.close();
        const provider = providerFor(subject.kind, fake);
        const outcome = await collect(provider, chatCall());
        assert.equal(outcome.error?.kind, 'unavailable');
        await assert.rejects(provider.listModels?.(new AbortController().signal) ?? Promise.resolve(), { kind: 'unavailable' });
      });
    });
  }
});
