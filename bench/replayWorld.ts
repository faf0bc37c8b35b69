// Wires the replay: the fake-provider child process, a virtual clock, the REAL SDK adapters (metered, so provider
// time can be told apart from router time), the REAL router, and the two naive strategies it is compared with.

import { fork, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_BUDGET } from '../src/core/budget/budgetSettings';
import { runAttempt } from '../src/core/cascade/runAttempt';
import type { Classification } from '../src/core/classifier/classification';
import { detectSensitive } from '../src/core/classifier/privacy';
import { DEFAULT_POOL_REFS } from '../src/core/pools/poolsConfig';
import { validatePoolsSettings } from '../src/core/pools/validatePools';
import { silentLogger, type ChatCall, type ChatEvent, type ChatProvider, type Clock, type LedgerSink, type ProviderLookup } from '../src/core/ports';
import { priceCall } from '../src/core/pricing/pricing';
import { validatePricingSettings } from '../src/core/pricing/validatePricing';
import { isProviderError } from '../src/core/providerError';
import { buildPrompt } from '../src/core/prompts/buildPrompt';
import { POOLS, parseModelRef, poolRank, type ModelRef, type PoolName, type TriageRequest } from '../src/core/request';
import { TriageRouter } from '../src/core/router';
import { LedgerFileStore } from '../src/host/ledgerFileStore';
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

const PRICING = validatePricingSettings({}).value;
const POOLS_CONFIG = validatePoolsSettings({}, { known: [...FAKE_PROVIDERS], local: ['ollama'] }).value;

/** What a strategy did with one request. */
export interface Served {
  readonly ok: boolean;
  readonly costMicros: number;
  /** What the premium baseline model's list price would have charged for the answer's tokens. */
  readonly baselineMicros: number;
  /** `provider:model` that answered. */
  readonly model?: string;
  /** Pool of the answer (the local fallback counts as `local`). */
  readonly pool?: PoolName;
  /** Ms the router spent waiting for its ledger append (file I/O), when it wrote one. */
  readonly ledgerMs?: number;
}

/** Serves requests one at a time. */
export interface Strategy {
  serve(request: TriageRequest): Promise<Served>;
  close(): Promise<void>;
}

/** The real router: privacy → classifier → cascade with rate-limit memory → file ledger (in a temp folder). */
export async function triageStrategy(
  providers: ProviderLookup,
  clock: Clock,
  classify: (request: TriageRequest, signal: AbortSignal) => Promise<Classification>,
): Promise<Strategy> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'triage-bench-ledger-'));
  const store = new LedgerFileStore(dir);
  let ledgerMs = 0;
  const ledger: LedgerSink = {
    async append(record) {
      const started = performance.now();
      try {
        await store.append(record);
      } finally {
        ledgerMs += performance.now() - started;
      }
    },
  };
  const router = new TriageRouter({
    clock,
    logger: silentLogger,
    providers,
    classify,
    detectSensitive,
    ledger,
    spend: store,
    settings: () => ({ pools: POOLS_CONFIG, pricing: PRICING, budget: DEFAULT_BUDGET, classifierMode: 'embedded' }),
  });
  const signal = new AbortController().signal;
  return {
    async serve(request) {
      ledgerMs = 0;
      const result = await router.route(request, { signal });
      const pool = result.servedPool === undefined ? undefined : result.servedPool === 'fallback' ? 'local' : result.servedPool;
      return { ok: result.outcome === 'ok', costMicros: result.costMicros, baselineMicros: result.baselineMicros, ...(result.servedBy ? { model: result.servedBy } : {}), ...(pool ? { pool } : {}), ledgerMs };
    },
    close: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/** The strongest pool a model is listed in by default (local for Ollama models): what its answer is worth. */
export function poolOfModel(model: string): PoolName {
  let best: PoolName = 'local';
  for (const pool of POOLS) if (DEFAULT_POOL_REFS[pool].includes(model) && poolRank(pool) > poolRank(best)) best = pool;
  return best;
}

/**
 * A naive strategy: try `chain` in order on every request, no classifier and no rate-limit memory; the first
 * answer is taken. Same prompts, adapters and prices as the router.
 */
export function chainStrategy(providers: ProviderLookup, clock: Clock, chain: readonly string[]): Strategy {
  const refs = chain.map((text) => parseModelRef(text) as ModelRef);
  const signal = new AbortController().signal;
  return {
    async serve(request) {
      const prompt = buildPrompt(request);
      for (const ref of refs) {
        const provider = await providers.get(ref.provider);
        if (!provider) continue;
        const call: ChatCall = {
          model: ref.model,
          system: prompt.system,
          messages: prompt.messages,
          maxOutputTokens: prompt.maxOutputTokens,
          signal,
          ...(prompt.jsonSchema ? { jsonSchema: prompt.jsonSchema } : {}),
        };
        const run = await runAttempt(provider, call, clock);
        if (!run.ok || run.text.trim() === '') continue;
        const model = `${ref.provider}:${ref.model}`;
        const cost = priceCall(PRICING.prices, ref, provider.isLocal, run.done.usage, clock.now());
        const baseline = priceCall(PRICING.prices, PRICING.baseline, false, run.done.usage, clock.now());
        return { ok: true, costMicros: cost.micros, baselineMicros: baseline.micros, model, pool: poolOfModel(model) };
      }
      return { ok: false, costMicros: 0, baselineMicros: 0 };
    },
    close: async () => {},
  };
}
