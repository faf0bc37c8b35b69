// Wires the real router to the real SDK adapters, pointed at the protocol fakes on 127.0.0.1, with a file ledger.

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_BUDGET } from '../../../src/core/budget/budgetSettings';
import type { BudgetSettings } from '../../../src/core/budget/budgetSettings';
import type { Classification } from '../../../src/core/classifier/classification';
import { validatePoolsSettings } from '../../../src/core/pools/validatePools';
import type { ChatProvider } from '../../../src/core/ports';
import { silentLogger } from '../../../src/core/ports';
import { validatePricingSettings } from '../../../src/core/pricing/validatePricing';
import { certain } from '../../../src/core/privacyCheck';
import type { DetectSensitive } from '../../../src/core/privacyCheck';
import type { PoolName, TriageRequest } from '../../../src/core/request';
import type { RouteEvent, RouteOptions, RouteResult } from '../../../src/core/routeTypes';
import { TriageRouter } from '../../../src/core/router';
import type { PrivacyMode } from '../../../src/core/router';
import { LedgerFileStore } from '../../../src/host/ledgerFileStore';
import type { ScheduleTimer } from '../../../src/providers/attemptWatch';
import { createProvider } from '../../../src/providers/createProvider';
import type { ProviderKind } from '../../../src/providers/createProvider';
import { TreeSitterParser } from '../../../src/providers/treeSitterParser';
import { startAnthropicFake } from '../../fakes/anthropicFake';
import type { FakeServer } from '../../fakes/httpFake';
import { startOllamaFake } from '../../fakes/ollamaFake';
import { startOpenAiFake } from '../../fakes/openaiFake';
import type { OllamaFakeOptions } from '../../fakes/ollamaFake';
import type { FakeOptions, Script } from '../../fakes/script';
import { FakeClock } from '../core/routingFakes';

const WASM_DIR = path.resolve(__dirname, '..', '..', '..', 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');

/** Shared across a test file: grammars load once. */
export const codeParser = new TreeSitterParser(WASM_DIR, silentLogger);

/** The four configured providers of the test world. */
export type WorldProvider = 'ollama' | 'deepseek' | 'openai' | 'anthropic';

const KINDS: Readonly<Record<WorldProvider, ProviderKind>> = { ollama: 'ollama', deepseek: 'openai', openai: 'openai', anthropic: 'anthropic' };
const STARTERS: Readonly<Record<ProviderKind, (options: FakeOptions) => Promise<FakeServer>>> = {
  ollama: startOllamaFake,
  openai: startOpenAiFake,
  anthropic: startAnthropicFake,
};

export interface WorldOptions {
  readonly fakes?: Partial<Record<WorldProvider, FakeOptions>> & { readonly ollama?: OllamaFakeOptions };
  /** Providers with no stored key. */
  readonly noKey?: readonly WorldProvider[];
  readonly classify?: PoolName;
  /** A real classifier instead of a fixed pool. */
  readonly classifier?: (request: TriageRequest, signal: AbortSignal) => Promise<Classification>;
  readonly sensitive?: DetectSensitive;
  readonly budget?: Partial<BudgetSettings>;
  readonly timeoutMs?: number;
  /** Timers of each call's deadlines (headers, first content, total, idle); default setTimeout. */
  readonly schedule?: ScheduleTimer;
  readonly privacyMode?: PrivacyMode;
  /** Raw `triage.models`, validated as the extension does. */
  readonly models?: unknown;
}

export interface World {
  readonly fakes: Readonly<Record<WorldProvider, FakeServer>>;
  readonly router: TriageRouter;
  readonly clock: FakeClock;
  readonly ledger: LedgerFileStore;
  readonly events: RouteEvent[];
  /** Chat requests each fake has received so far. */
  chats(provider: WorldProvider): number;
  route(request: Partial<TriageRequest>, signal?: AbortSignal, options?: Pick<RouteOptions, 'editChecker'>): Promise<RouteResult>;
  /** Resolves with the first event (past or future) that matches, so a test can act while another request streams. */
  event(matches: (event: RouteEvent) => boolean): Promise<RouteEvent>;
  close(): Promise<void>;
}

/** A script that streams `chunks` and reports 1000 input and 500 output tokens. */
export function answer(chunks: string[], extra: Partial<Script> = {}): Script {
  return { chunks, usage: { inputTokens: 1000, outputTokens: 500 }, ...extra };
}

/**
 * One world per test, closed after each (call inside a `describe`): returns the function a test starts it with.
 * `defaults` apply to every world of the block; a test's options override them.
 */
export function worldPerTest(defaults: WorldOptions = {}): (options?: WorldOptions) => Promise<World> {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });
  return async (options = {}) => (world = await startWorld({ ...defaults, ...options }));
}

/** Starts the four fakes and a router over them. */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const clock = new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
  const names: WorldProvider[] = ['ollama', 'deepseek', 'openai', 'anthropic'];
  const started = await Promise.all(names.map((n) => STARTERS[KINDS[n]](options.fakes?.[n] ?? {})));
  const fakes = Object.fromEntries(names.map((n, i) => [n, started[i]])) as Record<WorldProvider, FakeServer>;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'triage-world-'));
  const ledger = new LedgerFileStore(dir);
  const created = new Map<string, ChatProvider>();
  const provider = (id: WorldProvider) =>
    createProvider(
      { id, kind: KINDS[id], baseUrl: fakes[id].baseUrl, timeoutMs: options.timeoutMs ?? 5000 },
      { getApiKey: async () => (options.noKey?.includes(id) ? undefined : `sk-${id}-test`), clock, ...(options.schedule ? { schedule: options.schedule } : {}) },
    );
  const pools = validatePoolsSettings(
    {
      pools: {
        local: ['ollama:qwen2.5-coder:7b'],
        quick: ['deepseek:deepseek-flash', 'openai:gpt-6-luna'],
        coding: ['anthropic:claude-sonnet-5-5', 'openai:gpt-6-sol'],
        reasoning: ['anthropic:claude-opus-5-5'],
      },
      fallbackModel: 'ollama:qwen2.5:1.5b',
      ...(options.models === undefined ? {} : { models: options.models }),
    },
    { known: names, local: ['ollama'] },
  );
  const pricing = validatePricingSettings({});
  const pool = options.classify ?? 'quick';
  const classification: Classification = { pool, probabilities: certain(pool), confidence: 0.8, reason: 'test', source: 'embedded', sensitive: false };
  const events: RouteEvent[] = [];
  const watchers: { matches: (event: RouteEvent) => boolean; resolve: (event: RouteEvent) => void }[] = [];
  const onEvent = (event: RouteEvent) => {
    events.push(event);
    for (const w of watchers.filter((x) => x.matches(event))) {
      watchers.splice(watchers.indexOf(w), 1);
      w.resolve(event);
    }
  };
  const router = new TriageRouter({
    clock,
    logger: silentLogger,
    providers: {
      async get(id) {
        if (!names.includes(id as WorldProvider)) return undefined;
        if (!created.has(id)) created.set(id, provider(id as WorldProvider));
        return created.get(id);
      },
    },
    classify: options.classifier ?? (async () => classification),
    detectSensitive: options.sensitive ?? (() => []),
    ledger,
    spend: ledger,
    codeParser,
    settings: () => ({ pools: pools.value, pricing: pricing.value, budget: { ...DEFAULT_BUDGET, ...options.budget }, classifierMode: 'embedded', ...(options.privacyMode ? { privacyMode: options.privacyMode } : {}) }),
  });
  return {
    fakes,
    router,
    clock,
    ledger,
    events,
    chats: (p) => fakes[p].requests.filter((r) => r.chat).length,
    // Waits for the ledger write that runs behind each answer, so tests see the record.
    route: async (request, signal, options) => {
      const result = await router.route({ kind: 'chat', instruction: 'explain this', ...request }, { signal: signal ?? new AbortController().signal, onEvent, ...options });
      await router.whenRecorded();
      return result;
    },
    event: (matches) => {
      const seen = events.find(matches);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => watchers.push({ matches, resolve }));
    },
    async close() {
      await Promise.all(started.map((f) => f.close()));
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
