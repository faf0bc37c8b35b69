// The fault bench's world: the real router and SDK adapters against the protocol fakes on 127.0.0.1, on virtual time.

import { DEFAULT_BUDGET } from '../src/core/budget/budgetSettings';
import type { Classification } from '../src/core/classifier/classification';
import { validatePoolsSettings } from '../src/core/pools/validatePools';
import type { ChatProvider, Clock, LedgerSink, SpendSource } from '../src/core/ports';
import { silentLogger } from '../src/core/ports';
import { validatePricingSettings } from '../src/core/pricing/validatePricing';
import { certain } from '../src/core/privacyCheck';
import type { PoolName } from '../src/core/request';
import type { RouteEvent, RouteResult } from '../src/core/routeTypes';
import { TriageRouter } from '../src/core/router';
import type { ScheduleTimer } from '../src/providers/attemptWatch';
import { createProvider } from '../src/providers/createProvider';
import type { ProviderKind } from '../src/providers/createProvider';
import { CLOUD_TIMEOUTS, LOCAL_TIMEOUTS } from '../src/providers/timeoutDefaults';
import { startAnthropicFake } from '../test/fakes/anthropicFake';
import type { FakeServer } from '../test/fakes/httpFake';
import { startOllamaFake } from '../test/fakes/ollamaFake';
import { startOpenAiFake } from '../test/fakes/openaiFake';
import type { FakeOptions } from '../test/fakes/script';

/**
 * The clock the router, the adapters and every call's deadlines read. Time moves only when the bench says so: `fireNext`
 * jumps to the earliest pending deadline and fires it, so a 180 s hang costs no real time.
 */
export class VirtualTime implements Clock {
  private readonly timers = new Set<{ readonly due: number; readonly fire: () => void }>();
  constructor(private t = Date.parse('2026-11-22T12:00:00Z')) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  readonly schedule: ScheduleTimer = (fire, ms) => {
    const timer = { due: this.t + ms, fire };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  };
  /** Moves time to the earliest pending deadline and fires it; false when none is pending. */
  fireNext(): boolean {
    const [next] = [...this.timers].sort((a, b) => a.due - b.due);
    if (!next) return false;
    this.timers.delete(next);
    this.t = Math.max(this.t, next.due);
    next.fire();
    return true;
  }
}

export type FaultProvider = 'ollama' | 'deepseek' | 'openai' | 'anthropic';
const NAMES: readonly FaultProvider[] = ['ollama', 'deepseek', 'openai', 'anthropic'];
const KINDS: Readonly<Record<FaultProvider, ProviderKind>> = { ollama: 'ollama', deepseek: 'openai', openai: 'openai', anthropic: 'anthropic' };
const STARTERS: Readonly<Record<ProviderKind, (options: FakeOptions) => Promise<FakeServer>>> = { ollama: startOllamaFake, openai: startOpenAiFake, anthropic: startAnthropicFake };

export interface FaultWorldOptions {
  readonly fakes: Partial<Record<FaultProvider, FakeOptions>>;
  readonly pools?: Partial<Record<PoolName, readonly string[]>>;
  readonly pool?: PoolName;
  /** Every request holds a secret (kept local). */
  readonly sensitive?: boolean;
}

export interface FaultWorld {
  readonly time: VirtualTime;
  readonly fakes: Readonly<Record<FaultProvider, FakeServer>>;
  readonly events: RouteEvent[];
  /** Chat calls `provider:model` has received. */
  calls(model: string): number;
  route(): Promise<RouteResult & { readonly virtualMs: number }>;
  /** Resolves once `done()` holds, checked after every route event. */
  until(done: () => boolean): Promise<void>;
  /** Fires the earliest pending deadline once the next response's headers have reached the adapter (its header deadline is then met). */
  fireAfterHeaders(): void;
  close(): Promise<void>;
}

const nowhere: LedgerSink & SpendSource = { append: async () => undefined, spent: async () => ({ dayMicros: 0, monthMicros: 0 }) };

/** Starts the four fakes and the real router over them; cloud calls keep the shipped cloud deadlines (the fakes are on loopback). */
export async function startFaultWorld(options: FaultWorldOptions): Promise<FaultWorld> {
  const time = new VirtualTime();
  const started = await Promise.all(NAMES.map((n) => STARTERS[KINDS[n]](options.fakes[n] ?? {})));
  const fakes = Object.fromEntries(NAMES.map((n, i) => [n, started[i]])) as Record<FaultProvider, FakeServer>;
  const created = new Map<string, ChatProvider>();
  let fireAfterHeaders = 0;
  // The adapters see headers through this fetch; the fire waits a macrotask so the watch has met its header deadline.
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    if (fireAfterHeaders > 0) {
      fireAfterHeaders -= 1;
      setImmediate(() => time.fireNext());
    }
    return response;
  };
  const provider = (id: FaultProvider): ChatProvider => {
    const limits = id === 'ollama' ? LOCAL_TIMEOUTS : CLOUD_TIMEOUTS;
    return createProvider({ id, kind: KINDS[id], baseUrl: fakes[id].baseUrl, ...limits }, { getApiKey: async () => `sk-${id}-bench`, clock: time, schedule: time.schedule, fetch });
  };
  const pools = validatePoolsSettings(
    {
      pools: {
        local: ['ollama:qwen2.5-coder:7b'],
        quick: ['deepseek:deepseek-flash', 'openai:gpt-6-luna'],
        coding: ['anthropic:claude-sonnet-5-5', 'openai:gpt-6-sol'],
        reasoning: ['anthropic:claude-opus-5-5'],
        ...options.pools,
      },
      fallbackModel: 'ollama:qwen2.5:1.5b',
    },
    { known: [...NAMES], local: ['ollama'] },
  );
  if (pools.problems.length > 0) throw new Error(pools.problems.join('\n'));
  const pricing = validatePricingSettings({});
  const pool = options.pool ?? 'quick';
  const classification: Classification = { pool, probabilities: certain(pool), confidence: 0.9, reason: 'bench', source: 'embedded', sensitive: false };
  const events: RouteEvent[] = [];
  const waiters: { done: () => boolean; resolve: () => void }[] = [];
  const onEvent = (e: RouteEvent): void => {
    events.push(e);
    for (const w of waiters.filter((x) => x.done())) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const router = new TriageRouter({
    clock: time,
    logger: silentLogger,
    providers: {
      async get(id) {
        if (!NAMES.includes(id as FaultProvider)) return undefined;
        if (!created.has(id)) created.set(id, provider(id as FaultProvider));
        return created.get(id);
      },
    },
    classify: async () => classification,
    detectSensitive: () => (options.sensitive ? [{ rule: 'password', kind: 'credential' }] : []),
    ledger: nowhere,
    spend: nowhere,
    settings: () => ({ pools: pools.value, pricing: pricing.value, budget: DEFAULT_BUDGET, classifierMode: 'embedded' }),
  });
  return {
    time,
    fakes,
    events,
    calls: (model) => {
      const [id, ...rest] = model.split(':');
      return fakes[id as FaultProvider].requests.filter((r) => r.chat?.model === rest.join(':')).length;
    },
    async route() {
      const before = time.now();
      const result = await router.route({ kind: 'chat', instruction: 'explain this' }, { signal: new AbortController().signal, onEvent });
      return { ...result, virtualMs: time.now() - before };
    },
    fireAfterHeaders: () => {
      fireAfterHeaders += 1;
    },
    until: (done) => (done() ? Promise.resolve() : new Promise((resolve) => waiters.push({ done, resolve }))),
    async close() {
      await Promise.all(started.map((f) => f.close()));
    },
  };
}
