// Every call ends: a body that never starts, endless keep-alives or pings, and a drip each end as a `timeout` (issue 18 item 1).

import { strict as assert } from 'node:assert';
import { AttemptWatch } from '../../../src/providers/attemptWatch';
import { CLOUD_TIMEOUTS, LOCAL_TIMEOUTS, timeoutDefaults } from '../../../src/providers/timeoutDefaults';
import { chatCall, collect, providerFor, SUBJECTS, tappedFetch } from './harness';
import { ManualTimers } from './manualTimers';

/** Distinct delays, so a test fires exactly the deadline it means. */
const IDLE_MS = 5000;
const FIRST_MS = 7000;
const TOTAL_MS = 9000;
const config = { firstContentTimeoutMs: FIRST_MS, totalTimeoutMs: TOTAL_MS };

describe('providers: first-content, total and idle deadlines over the fakes', () => {
  for (const subject of SUBJECTS) {
    describe(subject.kind, () => {
      it('headers then silence → timeout at the first-content deadline, socket closed', async () => {
        const fake = await subject.start({ scripts: [{ chunks: ['never'], fault: { kind: 'silent-after-headers' } }] });
        try {
          const timers = new ManualTimers();
          const tap = tappedFetch();
          const provider = providerFor(subject.kind, fake, { schedule: timers.schedule, fetch: tap.fetch, config });
          const outcome = collect(provider, chatCall());
          await tap.headers();
          assert.deepEqual(timers.delays(), [FIRST_MS, TOTAL_MS]);
          timers.fire(FIRST_MS);
          const { error, deltas } = await outcome;
          assert.equal(error?.kind, 'timeout');
          assert.match(error?.message ?? '', /No answer content within 7 s/);
          assert.deepEqual(deltas, []);
          assert.equal(timers.pending.size, 0, 'every timer cleared');
          await (await fake.request(0)).socketClosed;
        } finally {
          await fake.close();
        }
      });

      it('endless keep-alives (comments, pings, empty lines) are not content → timeout', async () => {
        const fake = await subject.start({ scripts: [{ chunks: ['never'], fault: { kind: 'keep-alive-forever', everyMs: 2 } }] });
        try {
          const timers = new ManualTimers();
          const tap = tappedFetch();
          const provider = providerFor(subject.kind, fake, { schedule: timers.schedule, fetch: tap.fetch, config });
          const outcome = collect(provider, chatCall());
          await tap.chunks(8);
          assert.deepEqual(timers.delays(), [FIRST_MS, TOTAL_MS], 'keep-alives neither count as content nor arm the idle timer');
          timers.fire(FIRST_MS);
          const { error, deltas } = await outcome;
          assert.equal(error?.kind, 'timeout');
          assert.deepEqual(deltas, []);
          await (await fake.request(0)).socketClosed;
        } finally {
          await fake.close();
        }
      });

      it('a drip of one character at a time → timeout at the total deadline, text so far delivered', async () => {
        const fake = await subject.start({ scripts: [{ chunks: ['abcdefghijklmnopqrstuvwxyz'.repeat(20)], fault: { kind: 'drip', everyMs: 2 } }] });
        try {
          const timers = new ManualTimers();
          const provider = providerFor(subject.kind, fake, { schedule: timers.schedule, config });
          let reached!: () => void;
          const threeDeltas = new Promise<void>((resolve) => (reached = resolve));
          const outcome = collect(provider, chatCall(), () => {
            if (timers.delays().includes(IDLE_MS) && !timers.delays().includes(FIRST_MS)) reached();
          });
          await threeDeltas;
          assert.deepEqual(timers.delays(), [IDLE_MS, TOTAL_MS], 'content cleared the first-content deadline and armed the idle one');
          timers.fire(TOTAL_MS);
          const { error, deltas } = await outcome;
          assert.equal(error?.kind, 'timeout');
          assert.match(error?.message ?? '', /did not finish within 9 s/);
          assert.ok(deltas.length >= 1 && deltas.every((d) => d.length === 1));
          assert.equal(timers.pending.size, 0);
        } finally {
          await fake.close();
        }
      });

      it('a stall after the answer began → timeout at the idle deadline', async () => {
        const fake = await subject.start({ scripts: [{ chunks: ['a', 'b'], fault: { kind: 'stall', afterChunks: 1 } }] });
        try {
          const timers = new ManualTimers();
          const provider = providerFor(subject.kind, fake, { schedule: timers.schedule, config });
          let began!: () => void;
          const first = new Promise<void>((resolve) => (began = resolve));
          const outcome = collect(provider, chatCall(), () => began());
          await first;
          timers.fire(IDLE_MS);
          const { error, deltas } = await outcome;
          assert.equal(error?.kind, 'timeout');
          assert.match(error?.message ?? '', /No content for 5 s after the answer started/);
          assert.deepEqual(deltas, ['a']);
        } finally {
          await fake.close();
        }
      });

      it('a normal answer leaves no timer behind, and a cancel stays a cancel', async () => {
        const fake = await subject.start({ scripts: [{ chunks: ['a', 'b'] }, { chunks: ['never'], fault: { kind: 'silent-after-headers' } }] });
        try {
          const timers = new ManualTimers();
          const tap = tappedFetch();
          const provider = providerFor(subject.kind, fake, { schedule: timers.schedule, fetch: tap.fetch, config });
          const ok = await collect(provider, chatCall());
          assert.deepEqual(ok.deltas, ['a', 'b']);
          assert.equal(timers.pending.size, 0);
          const user = new AbortController();
          const outcome = collect(provider, chatCall({ signal: user.signal }));
          await fake.request(1);
          user.abort();
          assert.equal((await outcome).error?.kind, 'cancelled');
          assert.equal(timers.pending.size, 0);
        } finally {
          await fake.close();
        }
      });
    });
  }
});

describe('providers/attemptWatch', () => {
  it('reasoning-sized defaults: cloud waits 180 s for the first content and 600 s in all; local servers keep 120 s for headers', () => {
    assert.deepEqual(timeoutDefaults('anthropic', 'https://api.anthropic.com'), CLOUD_TIMEOUTS);
    assert.deepEqual(timeoutDefaults('openai', 'http://127.0.0.1:1234/v1'), LOCAL_TIMEOUTS);
    assert.deepEqual(timeoutDefaults('ollama', 'http://10.0.0.5:11434'), LOCAL_TIMEOUTS);
    assert.equal(CLOUD_TIMEOUTS.timeoutMs, 30_000);
    assert.ok(CLOUD_TIMEOUTS.firstContentTimeoutMs >= 120_000);
  });

  it('a keep-alive arms the queue deadline once, and only before content', () => {
    const timers = new ManualTimers();
    const watch = new AttemptWatch(new AbortController().signal, { firstContentMs: 7, totalMs: 9, idleMs: 5, queueMs: 3 }, timers.schedule);
    watch.keepAlive();
    watch.keepAlive();
    assert.deepEqual(timers.delays(), [3, 7, 9]);
    watch.content();
    assert.deepEqual(timers.delays(), [5, 9], 'content ends the queue and first-content watches');
    watch.keepAlive();
    assert.deepEqual(timers.delays(), [5, 9]);
    watch.dispose();
    assert.equal(timers.pending.size, 0);
  });

  it('the header deadline ends at the response or the first content, and expires as a timeout when neither comes', () => {
    const limits = { firstContentMs: 7, totalMs: 9, idleMs: 5, headersMs: 4 };
    const timers = new ManualTimers();
    const watch = new AttemptWatch(new AbortController().signal, limits, timers.schedule);
    assert.deepEqual(timers.delays(), [4, 7, 9]);
    watch.responded();
    assert.deepEqual(timers.delays(), [7, 9], 'headers met the header deadline');
    const early = new ManualTimers();
    new AttemptWatch(new AbortController().signal, limits, early.schedule).content();
    assert.deepEqual(early.delays(), [5, 9], 'content implies a response');
    const hung = new ManualTimers();
    const silent = new AttemptWatch(new AbortController().signal, limits, hung.schedule);
    hung.fire(4);
    assert.ok(silent.signal.aborted);
    assert.throws(() => silent.check(), { name: 'CallTimeoutError', message: 'No response within 0 s.' });
    assert.equal(hung.pending.size, 0, 'an expiry clears the other deadlines');
  });

  it('an expired deadline aborts its signal with the deadline error; the caller’s cancel is not relabelled', () => {
    const timers = new ManualTimers();
    const user = new AbortController();
    const watch = new AttemptWatch(user.signal, { firstContentMs: 7, totalMs: 9, idleMs: 5 }, timers.schedule);
    user.abort();
    assert.ok(watch.signal.aborted);
    timers.fireAll();
    assert.equal(watch.expired, undefined);
    const timers2 = new ManualTimers();
    const watch2 = new AttemptWatch(new AbortController().signal, { firstContentMs: 7, totalMs: 9, idleMs: 5 }, timers2.schedule);
    timers2.fire(7);
    assert.equal(watch2.expired?.name, 'CallTimeoutError');
    assert.equal(watch2.signal.reason, watch2.expired);
    assert.throws(() => watch2.check(), /No answer content/);
  });
});
