// Test doubles for routing: a settable clock, scripted ChatProviders, an in-memory ledger, and a router factory.

import type { MeaningCache } from '../../../src/core/cache/meaningCache';
import type { ResponseCache } from '../../../src/core/cache/responseCache';
import type { BudgetSettings } from '../../../src/core/budget/budgetSettings';
import { DEFAULT_BUDGET } from '../../../src/core/budget/budgetSettings';
import type { Classification } from '../../../src/core/classifier/classification';
import type { LedgerRecord } from '../../../src/core/ledger/ledgerRecord';
import { validateExperiments } from '../../../src/core/experiments/experiments';
import { validatePoolsSettings } from '../../../src/core/pools/validatePools';
import type {
  ChatCall,
  ChatEvent,
  ChatProvider,
  Clock,
  CodeParser,
  FinishReason,
  LedgerSink,
  RateLimitSnapshot,
  SpendSoFar,
  SpendSource,
  TokenUsage,
} from '../../../src/core/ports';
import { silentLogger } from '../../../src/core/ports';
import { validatePricingSettings } from '../../../src/core/pricing/validatePricing';
import { certain } from '../../../src/core/privacyCheck';
import type { SensitiveFindingLike } from '../../../src/core/privacyCheck';
import { ProviderError } from '../../../src/core/providerError';
import type { PoolName, TriageRequest } from '../../../src/core/request';
import type { RouteEvent, RouteOptions } from '../../../src/core/routeTypes';
import { TriageRouter } from '../../../src/core/router';

/** Sunday 2026-11-22 12:00 UTC: DeepSeek off-peak. */
export const SUNDAY_NOON = Date.UTC(2026, 10, 22, 12);

/** A clock that moves only when told. */
export class FakeClock implements Clock {
  constructor(public t = SUNDAY_NOON) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** One scripted answer (or failure) to a call. */
export type Reply =
  | { readonly throws: ProviderError; readonly afterDeltas?: readonly string[] }
  | {
      readonly text: string | readonly string[];
      readonly finishReason?: FinishReason;
      readonly usage?: Partial<TokenUsage>;
      readonly rateLimit?: RateLimitSnapshot;
      /** Clock ms that pass before the first delta and before the end. */
      readonly takesMs?: number;
      /** End the stream without a done event. */
      readonly noDone?: boolean;
      /** Tool calls yielded after the text, before done. */
      readonly toolCalls?: readonly { readonly callId: string; readonly name: string; readonly input: Readonly<Record<string, unknown>> }[];
    };

export const DEFAULT_USAGE: TokenUsage = { inputTokens: 1000, cachedInputTokens: 0, outputTokens: 500 };

/** A ChatProvider that plays scripted replies per model (the last reply of a list repeats) and records calls. */
export class FakeProvider implements ChatProvider {
  readonly calls: ChatCall[] = [];
  private readonly served = new Map<string, number>();

  constructor(
    readonly id: string,
    readonly isLocal: boolean,
    private readonly replies: Readonly<Record<string, Reply | readonly Reply[]>>,
    private readonly clock?: FakeClock,
  ) {}

  callsTo(model: string): number {
    return this.calls.filter((c) => c.model === model).length;
  }

  async *streamChat(call: ChatCall): AsyncIterable<ChatEvent> {
    this.calls.push(call);
    const script = this.replies[call.model];
    const list: readonly Reply[] = script === undefined ? [] : Array.isArray(script) ? script : [script as Reply];
    const index = this.served.get(call.model) ?? 0;
    this.served.set(call.model, index + 1);
    const reply = list[Math.min(index, list.length - 1)];
    if (!reply) throw new Error(`no reply scripted for ${this.id}:${call.model}`);
    if ('throws' in reply) {
      for (const text of reply.afterDeltas ?? []) yield { type: 'delta', text };
      throw reply.throws;
    }
    this.clock?.advance(reply.takesMs ?? 0);
    for (const text of typeof reply.text === 'string' ? [reply.text] : reply.text) yield { type: 'delta', text };
    for (const call of reply.toolCalls ?? []) yield { type: 'tool-call', ...call };
    this.clock?.advance(reply.takesMs ?? 0);
    if (reply.noDone) return;
    yield {
      type: 'done',
      usage: { ...DEFAULT_USAGE, ...reply.usage },
      servedModel: call.model,
      finishReason: reply.finishReason ?? 'stop',
      ...(reply.rateLimit ? { rateLimit: reply.rateLimit } : {}),
    };
  }
}

/** An in-memory ledger whose spend is a base amount plus what was appended (same day and month as the fake clock). */
export class MemoryLedger implements LedgerSink, SpendSource {
  readonly records: LedgerRecord[] = [];
  private appended = 0;
  constructor(public base: SpendSoFar = { dayMicros: 0, monthMicros: 0 }) {}
  async append(record: LedgerRecord): Promise<void> {
    this.records.push(record);
    this.appended += record.costMicros;
  }
  async spent(): Promise<SpendSoFar> {
    return { dayMicros: this.base.dayMicros + this.appended, monthMicros: this.base.monthMicros + this.appended };
  }
}

/** A CodeParser that counts unbalanced parentheses as errors. */
export const parenParser: CodeParser = {
  async countSyntaxErrors(code: string) {
    let depth = 0;
    let errors = 0;
    for (const ch of code) {
      if (ch === '(') depth++;
      if (ch === ')') depth > 0 ? depth-- : errors++;
    }
    return errors + depth;
  },
};

export interface Harness {
  readonly router: TriageRouter;
  readonly clock: FakeClock;
  readonly ledger: MemoryLedger;
  readonly events: RouteEvent[];
  readonly classifyCalls: TriageRequest[];
  route(request: Partial<TriageRequest>, signal?: AbortSignal, options?: Pick<RouteOptions, 'editChecker'>): ReturnType<TriageRouter['route']>;
}

export interface HarnessOptions {
  readonly providers: readonly FakeProvider[];
  readonly clock?: FakeClock;
  readonly pools?: Partial<Record<PoolName, readonly string[]>>;
  readonly fallback?: string;
  readonly models?: Readonly<Record<string, { contextWindow?: number; thinking?: 'on' | 'off'; tools?: boolean; images?: boolean }>>;
  readonly prices?: Readonly<Record<string, unknown>>;
  readonly classify?: PoolName | ((request: TriageRequest) => Promise<Classification>);
  readonly sensitive?: (text: string) => readonly SensitiveFindingLike[];
  readonly budget?: Partial<BudgetSettings>;
  readonly ledger?: MemoryLedger;
  readonly codeParser?: CodeParser;
  readonly missingKey?: readonly string[];
  /** Demo mode in the settings. */
  readonly demo?: boolean;
  /** A response cache for the router (off when absent), and its TTL setting. */
  readonly cache?: ResponseCache;
  readonly cacheTtlMinutes?: number;
  /** A meaning cache, its embedding model setting and threshold. */
  readonly meaning?: MeaningCache;
  readonly meaningModel?: string;
  readonly meaningThreshold?: number;
  readonly compactAboveTokens?: number;
  /** `triage.experiments`, raw (validated against the harness's providers). */
  readonly experiments?: unknown;
}

/** The pools most tests use: two quick models on two providers, one coding, one reasoning, local fallback. */
export const TEST_POOLS: Record<PoolName, readonly string[]> = {
  local: ['ollama:small'],
  quick: ['deepseek:deepseek-flash', 'openai:gpt-6-luna'],
  coding: ['anthropic:claude-sonnet-5-5'],
  reasoning: ['anthropic:claude-opus-5-5'],
};

/** Builds a router over fakes. */
export function makeHarness(options: HarnessOptions): Harness {
  const clock = options.clock ?? new FakeClock();
  const ledger = options.ledger ?? new MemoryLedger();
  const events: RouteEvent[] = [];
  const classifyCalls: TriageRequest[] = [];
  const ids = options.providers.map((p) => p.id);
  const pools = validatePoolsSettings(
    { pools: { ...TEST_POOLS, ...options.pools }, fallbackModel: options.fallback ?? 'ollama:fallback', models: options.models },
    { known: ids, local: options.providers.filter((p) => p.isLocal).map((p) => p.id) },
  );
  if (pools.problems.length > 0) throw new Error(pools.problems.join('\n'));
  const pricing = validatePricingSettings({ prices: options.prices });
  const classify = options.classify ?? 'quick';
  const router = new TriageRouter({
    clock,
    logger: silentLogger,
    providers: {
      async get(id) {
        if (options.missingKey?.includes(id)) throw new ProviderError('auth', `no key for ${id}`);
        return options.providers.find((p) => p.id === id);
      },
    },
    classify: async (request) => {
      classifyCalls.push(request);
      if (typeof classify === 'function') return classify(request);
      return { pool: classify, probabilities: certain(classify), confidence: 0.9, reason: 'test', source: 'embedded', sensitive: false };
    },
    detectSensitive: options.sensitive ?? (() => []),
    ledger,
    spend: ledger,
    settings: () => ({
      pools: pools.value,
      pricing: pricing.value,
      budget: { ...DEFAULT_BUDGET, ...options.budget },
      classifierMode: 'embedded',
      ...(options.demo ? { demo: true } : {}),
      ...(options.cacheTtlMinutes === undefined ? {} : { cacheTtlMinutes: options.cacheTtlMinutes }),
      ...(options.meaningModel === undefined ? {} : { meaningModel: options.meaningModel }),
      ...(options.meaningThreshold === undefined ? {} : { meaningThreshold: options.meaningThreshold }),
      ...(options.compactAboveTokens === undefined ? {} : { compactAboveTokens: options.compactAboveTokens }),
      ...(options.experiments === undefined ? {} : { experiments: validateExperiments(options.experiments, ids).value }),
    }),
    ...(options.codeParser ? { codeParser: options.codeParser } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.meaning ? { meaning: options.meaning } : {}),
  });
  return {
    router,
    clock,
    ledger,
    events,
    classifyCalls,
    // Waits for the ledger write that runs behind each answer, so tests see the record.
    route: async (request, signal, options) => {
      const result = await router.route(
        { kind: 'chat', instruction: 'explain this', ...request },
        { signal: signal ?? new AbortController().signal, onEvent: (e) => events.push(e), ...options },
      );
      await router.whenRecorded();
      return result;
    },
  };
}

/** Outcomes of a result's attempts as `model=outcome` strings, for compact assertions. */
export function path(attempts: readonly { model: string; outcome: string }[]): string[] {
  return attempts.map((a) => `${a.model}=${a.outcome}`);
}
