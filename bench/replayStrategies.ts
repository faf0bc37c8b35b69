// The strategies the replay compares: the REAL router (classifier + cascade + rate-limit memory + file ledger) and
// naive fixed chains of models with no classifier and no memory, all over the same metered providers.

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_BUDGET } from '../src/core/budget/budgetSettings';
import { runAttempt } from '../src/core/cascade/runAttempt';
import type { Classification } from '../src/core/classifier/classification';
import { detectSensitive } from '../src/core/classifier/privacy';
import { DEFAULT_POOL_REFS, type PoolsConfig } from '../src/core/pools/poolsConfig';
import { validatePoolsSettings } from '../src/core/pools/validatePools';
import { silentLogger, type ChatCall, type Clock, type LedgerSink, type ProviderLookup } from '../src/core/ports';
import { priceCall } from '../src/core/pricing/pricing';
import { validatePricingSettings } from '../src/core/pricing/validatePricing';
import { buildPrompt } from '../src/core/prompts/buildPrompt';
import { POOLS, parseModelRef, poolRank, type ModelRef, type PoolName, type TriageRequest } from '../src/core/request';
import { TriageRouter } from '../src/core/router';
import { LedgerFileStore } from '../src/host/ledgerFileStore';
import { FAKE_PROVIDERS } from './replaySchedule';

const PRICING = validatePricingSettings({}).value;
const DEFAULT_POOLS_CONFIG = validatePoolsSettings({}, { known: [...FAKE_PROVIDERS], local: ['ollama'] }).value;

/** Pools configured as a user would in settings (left-out pools keep the defaults). */
export function poolsFromSettings(pools: Partial<Record<PoolName, readonly string[]>>): PoolsConfig {
  const validated = validatePoolsSettings({ pools }, { known: [...FAKE_PROVIDERS], local: ['ollama'] });
  if (validated.problems.length > 0) throw new Error(`bench pools invalid: ${validated.problems.join('; ')}`);
  return validated.value;
}

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
  /** Ms the router's classify call took (router strategies only). */
  readonly classifyMs?: number;
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
  pools: PoolsConfig = DEFAULT_POOLS_CONFIG,
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
  let classifyMs = 0;
  const timedClassify = async (request: TriageRequest, signal: AbortSignal): Promise<Classification> => {
    const started = performance.now();
    try {
      return await classify(request, signal);
    } finally {
      classifyMs += performance.now() - started;
    }
  };
  const router = new TriageRouter({
    clock,
    logger: silentLogger,
    providers,
    classify: timedClassify,
    detectSensitive,
    ledger,
    spend: store,
    settings: () => ({ pools, pricing: PRICING, budget: DEFAULT_BUDGET, classifierMode: 'embedded' }),
  });
  const signal = new AbortController().signal;
  return {
    async serve(request) {
      ledgerMs = 0;
      classifyMs = 0;
      const result = await router.route(request, { signal });
      // The router writes the ledger after it returns the answer; wait for it here, outside the user's wait.
      const returned = performance.now();
      await router.whenRecorded();
      ledgerMs = performance.now() - returned;
      const pool = result.servedPool === undefined ? undefined : result.servedPool === 'fallback' ? 'local' : result.servedPool;
      return { ok: result.outcome === 'ok', costMicros: result.costMicros, baselineMicros: result.baselineMicros, ...(result.servedBy ? { model: result.servedBy } : {}), ...(pool ? { pool } : {}), ledgerMs, classifyMs };
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
