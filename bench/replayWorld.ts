// Wires the replay's world: the fake-provider child process, a virtual clock, and the REAL SDK adapters pointed at
// the fakes, metered so that provider time can be told apart from router time.

import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChatCall, ChatEvent, ChatProvider, Clock, ProviderLookup } from '../src/core/ports';
import { isProviderError } from '../src/core/providerError';
import { createProvider, type ProviderKind } from '../src/providers/createProvider';
import type { FakesCommand, FakesReply } from './replayFakes';
import { FAKE_PROVIDERS, VIRTUAL_START, type FakeProviderId } from './replaySchedule';

/** A clock that moves only when the replay says a request arrives. */
export class VirtualClock implements Clock {
  t = VIRTUAL_START;
  now(): number {
    return this.t;
  }
}

/** The fake providers running in their child process. */
export interface FakesProcess {
  readonly baseUrls: Readonly<Record<FakeProviderId, string>>;
  /** Tells the fakes the virtual time (and lets them open or close connection-refused outages). */
  setTime(now: number): Promise<void>;
  /** Forgets every rate-limit window's usage, for the next strategy. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Forks bench/replayFakes.ts and waits until its servers listen. */
export async function startFakesProcess(): Promise<FakesProcess> {
  const child: ChildProcess = fork(path.join(__dirname, 'replayFakes.ts'), [], {
    execArgv: ['--require', require.resolve('tsx/cjs')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, () => void>();
  let seq = 0;
  const baseUrls = await new Promise<Readonly<Record<FakeProviderId, string>>>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake providers exited early (code ${code})`)));
    child.on('message', (reply: FakesReply) => {
      if (reply.type === 'ready') resolve(reply.baseUrls);
      else pending.get(reply.seq)?.();
    });
  });
  child.removeAllListeners('exit');
  const ask = (command: (seq: number) => FakesCommand): Promise<void> =>
    new Promise((resolve) => {
      const id = ++seq;
      pending.set(id, () => {
        pending.delete(id);
        resolve();
      });
      child.send(command(id));
    });
  return {
    baseUrls,
    setTime: (now) => ask((s) => ({ type: 'time', seq: s, now })),
    reset: () => ask((s) => ({ type: 'reset', seq: s })),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' } satisfies FakesCommand);
      }),
  };
}

/** How one provider call ended: `ok` or the ProviderError kind. */
export interface CallRecord {
  readonly model: string;
  readonly outcome: string;
}

/** Counts calls and the time spent inside provider streams (SDK + HTTP + fake), per request and overall. */
export class Meter {
  readonly calls: CallRecord[] = [];
  /** Ms spent inside provider streamChat iterations since the last `startRequest`. */
  providerMs = 0;

  startRequest(): void {
    this.providerMs = 0;
  }

  /** Wraps a provider so every call is counted and timed. */
  wrap(inner: ChatProvider): ChatProvider {
    const meter = this;
    return {
      id: inner.id,
      isLocal: inner.isLocal,
      async *streamChat(call: ChatCall): AsyncIterable<ChatEvent> {
        const model = `${inner.id}:${call.model}`;
        let outcome = 'ok';
        let finished = false;
        const started = performance.now();
        const iterator = inner.streamChat(call)[Symbol.asyncIterator]();
        meter.providerMs += performance.now() - started;
        try {
          for (;;) {
            const before = performance.now();
            let step: IteratorResult<ChatEvent>;
            try {
              step = await iterator.next();
            } finally {
              meter.providerMs += performance.now() - before;
            }
            if (step.done) {
              finished = true;
              return;
            }
            yield step.value;
          }
        } catch (error) {
          finished = true;
          outcome = isProviderError(error) ? error.kind : 'other';
          throw error;
        } finally {
          // The caller stops reading after `done`: close the adapter's stream, on the provider's clock.
          if (!finished) {
            const before = performance.now();
            await iterator.return?.();
            meter.providerMs += performance.now() - before;
          }
          meter.calls.push({ model, outcome });
        }
      },
    };
  }
}

const KINDS: Readonly<Record<FakeProviderId, ProviderKind>> = { ollama: 'ollama', openai: 'openai', anthropic: 'anthropic', deepseek: 'openai' };

/** The real adapters for the four providers, pointed at the fakes, created once and metered. */
export function meteredProviders(fakes: FakesProcess, clock: Clock, meter: Meter): ProviderLookup {
  const created = new Map<string, ChatProvider>();
  return {
    async get(id) {
      if (!(FAKE_PROVIDERS as readonly string[]).includes(id)) return undefined;
      let provider = created.get(id);
      if (!provider) {
        const inner = createProvider(
          { id, kind: KINDS[id as FakeProviderId], baseUrl: fakes.baseUrls[id as FakeProviderId], timeoutMs: 10_000 },
          // A made-up key: the fakes only check that one is sent.
          { getApiKey: async () => `sk-bench-${id}`, clock },
        );
        provider = meter.wrap(inner);
        created.set(id, provider);
      }
      return provider;
    },
  };
}
