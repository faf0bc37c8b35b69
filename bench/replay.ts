// Part 2: the dev prompts (or any labelled file, `--prompts FILE`) replayed as a workload through the REAL router and
// REAL SDK adapters against the protocol fakes on 127.0.0.1, beside naive strategies, on the same simulated clock,
// limits and outages.
//
// What is simulated, and how:
// - Workload: all 996 dev prompts (or every record of the --prompts file) in a fixed-seed shuffled order (seed 42), each a request of its record's kind
//   with maxOutputTokens 2048 (the setting's default). Arrivals are a Poisson stream on a virtual clock: gaps
//   drawn from an exponential distribution with a mean of 2 s (fixed seed), so ~30 requests per virtual minute,
//   ~33 virtual minutes in all, with bursts and lulls. Nothing sleeps: before each request the virtual clock jumps
//   to its arrival time, and the router's rate-limit memory, the adapters (for reset headers) and the fakes all
//   read that clock. Time does not move during a request.
// - Fakes: bench/replayFakes.ts runs the OpenAI, Anthropic and Ollama fakes (one OpenAI fake each for `openai`
//   and `deepseek`) in a child process. Every answer has the shape its kind needs (the demo responder's edit
//   block, review JSON or chat text) sent in four quick chunks; usage says input = prompt characters / 4
//   (system prompt included) and output = 150–599 tokens, fixed per prompt, so every strategy is billed for the
//   same answer. Costs come from the shipped price table.
// - Rate limits (bench/replaySchedule.ts), fixed windows on whole virtual minutes, requests accepted per minute:
//     anthropic:claude-opus-5-5 10, anthropic:claude-sonnet-5-5 10  — Anthropic headers on every answer
//         (`anthropic-ratelimit-requests-remaining` reaching 0, reset as an RFC 3339 time); 429 + retry-after (s)
//     openai:gpt-6-luna 12 — `x-ratelimit-*` headers (reset as a Go duration); 429 carries only those headers
//     deepseek:deepseek-flash 8 — no rate-limit headers at all (as DeepSeek); 429 + retry-after (s)
//   Other cloud models are unlimited (they still send their provider's headers); Ollama is unlimited.
// - Outages (virtual minutes from the start): openai 503 without retry-after in [8, 11); deepseek connection
//   refused (the fake stops listening) in [18, 21); anthropic 529 overloaded without retry-after in [27, 28).
// - Strategies: always-premium = anthropic:claude-opus-5-5 (the default savings baseline), then
//   openai:gpt-6-sol on any failure; always-Sonnet = anthropic:claude-sonnet-5-5 (the seed playbooks' baseline),
//   then openai:gpt-6-sol, which has the same list price, so every answer is billed at Sonnet's price; sequential fallback = every default model cheapest paid pool first
//   (quick, coding, reasoning), then the local models, tried in that order on every request with no classifier
//   and no memory; Triage = the real TriageRouter (embedded classifier, cascade, rate-limit memory, file ledger
//   in a temp folder) over the default pools. "Triage, held-out decisions" is the same router whose classifier
//   answers with each prompt's leave-one-source-out decision from part 1: the shipped weights were trained on
//   these very prompts, so only that row's quality figures are out-of-sample (the row exists only when dev is
//   replayed; on a file never trained on, such as route-public, the plain Triage row is out-of-sample itself).
//   "Triage, oracle labels" routes each prompt by its label: the floor on cost that these pools and prices allow
//   without under-routing.
// - Measured per request: wall time of the strategy's serve call (end-to-end latency against fakes that answer
//   in about a millisecond, so it is mostly calls × local HTTP), and the router's own time = wall time minus the
//   time spent inside provider streamChat iterations (SDK, HTTP and the fake). A 40-request warm-up at earlier
//   virtual times (not counted, fakes reset after it) lets the JIT and HTTP connections settle first.
// - Wasted call: a call answered 429. Every window the fakes announce (429 retry hint, or remaining 0 with a reset)
//   ends exactly when they stop refusing, so "sent inside a known window" is a subset of those; outages announce
//   no window, so calls into an outage count as failed calls, not wasted ones.

import { performance } from 'node:perf_hooks';
import type { Classification } from '../src/core/classifier/classification';
import { RequestClassifier } from '../src/core/classifier/requestClassifier';
import { DATA_FILES, recordToRequest, type LabelledRecord } from '../src/cli/dataset';
import { DEFAULT_POOL_REFS } from '../src/core/pools/poolsConfig';
import type { Clock, ProviderLookup } from '../src/core/ports';
import { certain } from '../src/core/privacyCheck';
import { poolRank, type PoolName, type TriageRequest } from '../src/core/request';
import { chainStrategy, poolsFromSettings, triageStrategy, type Strategy } from './replayStrategies';
import { Meter, VirtualClock, meteredProviders, startFakesProcess, type FakesProcess } from './replayWorld';
import { MODEL_LIMITS, OUTAGES, VIRTUAL_START, arrivalTimes } from './replaySchedule';
import { percentiles, ratio, shuffled, type Percentiles } from './stats';

const ORDER_SEED = 42;
const WARMUP_REQUESTS = 40;
const MAX_OUTPUT_TOKENS = 2048;

/** Always-premium: the model savings are measured against (`triage.baselineModel`'s default), then the next strongest. */
export const PREMIUM_CHAIN: readonly string[] = ['anthropic:claude-opus-5-5', 'openai:gpt-6-sol'];
/** Always-Sonnet: the seed playbooks' baseline; gpt-6-sol (same list price) answers when Sonnet is limited or down. */
export const SONNET_CHAIN: readonly string[] = ['anthropic:claude-sonnet-5-5', 'openai:gpt-6-sol'];
/** What a user who wants the strongest model first in every paid pool would set (the pools shipped before 2026-11-24). */
export const STRONGEST_FIRST_POOLS: Readonly<Partial<Record<PoolName, readonly string[]>>> = {
  coding: ['anthropic:claude-sonnet-5-5', 'openai:gpt-6-sol', 'deepseek:deepseek-v4-pro'],
  reasoning: ['anthropic:claude-opus-5-5', 'openai:gpt-6-sol'],
};
/** Every default model, cheapest paid pool first, local last (no duplicates). */
export const SEQUENTIAL_CHAIN: readonly string[] = [
  ...new Set([...DEFAULT_POOL_REFS.quick, ...DEFAULT_POOL_REFS.coding, ...DEFAULT_POOL_REFS.reasoning, ...DEFAULT_POOL_REFS.local]),
];

/** Figures of one strategy over the whole workload. */
export interface StrategyFigures {
  readonly name: string;
  readonly requests: number;
  readonly costMicros: number;
  /** Cost over always-premium's (replayed) cost. */
  readonly costVsPremium: number;
  /** Cost over always-Sonnet's (replayed) cost. */
  readonly costVsSonnet: number;
  /** What the premium model's list price would have charged for the same answers' tokens. */
  readonly baselineMicros: number;
  /** Cost over baselineMicros: the saving the extension itself reports. */
  readonly costVsBaseline: number;
  readonly calls: number;
  readonly callsPerRequest: number;
  readonly wastedCalls: number;
  readonly wastedShare: number;
  /** Requests answered by a pool below their label. */
  readonly underRouted: number;
  readonly underRoutingShare: number;
  readonly failures: number;
  readonly failureRate: number;
  readonly latencyMs: Percentiles;
  readonly overheadMicros: Percentiles;
  /** Router rows: the ledger append alone, and the classify call alone, µs per request. */
  readonly ledgerMicros?: Percentiles;
  readonly classifyMicros?: Percentiles;
  /** Calls per model per outcome (`ok` or the ProviderError kind). */
  readonly callsByModel: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Answers per pool they came from (`none` = failed). */
  readonly servedByPool: Readonly<Record<string, number>>;
}

/** Everything part 2 produces. */
export interface ReplayReport {
  readonly workload: {
    /** The replayed file, relative to the repository root. */
    readonly file: string;
    readonly requests: number;
    readonly orderSeed: number;
    readonly virtualMinutes: number;
    readonly meanInterArrivalMs: number;
    readonly warmupRequests: number;
    readonly limits: typeof MODEL_LIMITS;
    readonly outages: typeof OUTAGES;
    readonly premiumChain: readonly string[];
    readonly sonnetChain: readonly string[];
    readonly sequentialChain: readonly string[];
  };
  readonly strategies: readonly StrategyFigures[];
}

interface Job {
  readonly id: string;
  readonly label: PoolName;
  readonly request: TriageRequest;
}

type MakeStrategy = (providers: ProviderLookup, clock: Clock) => Promise<Strategy>;

async function runStrategy(name: string, make: MakeStrategy, jobs: readonly Job[], arrivals: readonly number[], fakes: FakesProcess): Promise<Omit<StrategyFigures, 'costVsPremium' | 'costVsSonnet'>> {
  const clock = new VirtualClock();
  const meter = new Meter();
  const providers = meteredProviders(fakes, clock, meter);
  // Warm-up on its own strategy instance (fresh router memory) at earlier virtual times; then forget it all.
  const warm = await make(providers, clock);
  for (let i = 0; i < WARMUP_REQUESTS; i++) {
    clock.t = VIRTUAL_START - 20 * 60_000 + i * 2_000;
    await fakes.setTime(clock.t);
    await warm.serve((jobs[jobs.length - 1 - i] as Job).request);
  }
  await warm.close();
  await fakes.reset();
  meter.calls.length = 0;

  const strategy = await make(providers, clock);
  const latency: number[] = [];
  const overhead: number[] = [];
  const ledger: number[] = [];
  const classify: number[] = [];
  const servedByPool: Record<string, number> = {};
  let cost = 0;
  let baseline = 0;
  let under = 0;
  let failures = 0;
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i] as Job;
    clock.t = arrivals[i] as number;
    await fakes.setTime(clock.t);
    meter.startRequest();
    const started = performance.now();
    const served = await strategy.serve(job.request);
    const wall = performance.now() - started;
    latency.push(wall);
    // What the user waits for: the ledger write that follows the answer (Triage rows) is not part of it.
    overhead.push((wall - meter.providerMs - (served.ledgerMs ?? 0)) * 1000);
    if (served.ledgerMs !== undefined) ledger.push(served.ledgerMs * 1000);
    if (served.classifyMs !== undefined) classify.push(served.classifyMs * 1000);
    cost += served.costMicros;
    baseline += served.baselineMicros;
    if (!served.ok || !served.pool) failures++;
    else if (poolRank(served.pool) < poolRank(job.label)) under++;
    const pool = served.ok && served.pool ? served.pool : 'none';
    servedByPool[pool] = (servedByPool[pool] ?? 0) + 1;
  }
  await strategy.close();
  const callsByModel: Record<string, Record<string, number>> = {};
  for (const call of meter.calls) {
    const row = (callsByModel[call.model] ??= {});
    row[call.outcome] = (row[call.outcome] ?? 0) + 1;
  }
  const calls = meter.calls.length;
  const wasted = meter.calls.filter((c) => c.outcome === 'rate-limit').length;
  return {
    name,
    requests: jobs.length,
    costMicros: cost,
    baselineMicros: baseline,
    costVsBaseline: ratio(cost, baseline),
    calls,
    callsPerRequest: ratio(calls, jobs.length),
    wastedCalls: wasted,
    wastedShare: ratio(wasted, calls),
    underRouted: under,
    underRoutingShare: ratio(under, jobs.length),
    failures,
    failureRate: ratio(failures, jobs.length),
    latencyMs: percentiles(latency),
    overheadMicros: percentiles(overhead),
    ...(ledger.length > 0 ? { ledgerMicros: percentiles(ledger) } : {}),
    ...(classify.length > 0 ? { classifyMicros: percentiles(classify) } : {}),
    callsByModel,
    servedByPool,
  };
}

function fixedClassification(pool: PoolName, reason: string): Classification {
  return { pool, probabilities: certain(pool), confidence: 1, reason, source: 'embedded', sensitive: false };
}

/**
 * Runs part 2 over `records` (dev unless `--prompts` named another file). `heldOut` holds each record's
 * leave-one-source-out decision (from part 1, dev only); the held-out row runs only when it covers every record.
 */
export async function replayBench(
  records: readonly LabelledRecord[],
  heldOut: ReadonlyMap<string, PoolName> | undefined,
  log: (line: string) => void = () => {},
  file: string = DATA_FILES.dev,
): Promise<ReplayReport> {
  if (records.length === 0) throw new Error(`${file}: no records to replay`);
  const jobs: Job[] = shuffled(records, ORDER_SEED).map((r) => ({ id: r.id, label: r.label, request: { ...recordToRequest(r), maxOutputTokens: MAX_OUTPUT_TOKENS } }));
  const arrivals = arrivalTimes(jobs.length);
  const covered = heldOut !== undefined && jobs.every((j) => heldOut.has(j.id));
  const decided = new Map(jobs.map((j) => [j.request, heldOut?.get(j.id) as PoolName]));
  const labelled = new Map(jobs.map((j) => [j.request, j.label]));
  const heldOutRow: [string, MakeStrategy][] = covered
    ? [['Triage, held-out decisions', (providers, clock) => triageStrategy(providers, clock, async (request) => fixedClassification(decided.get(request) ?? 'coding', 'held-out (LOSO) decision'))]]
    : [];
  const strategies: readonly [string, MakeStrategy][] = [
    ['always-premium', async (providers, clock) => chainStrategy(providers, clock, PREMIUM_CHAIN)],
    ['always-Sonnet', async (providers, clock) => chainStrategy(providers, clock, SONNET_CHAIN)],
    ['sequential fallback', async (providers, clock) => chainStrategy(providers, clock, SEQUENTIAL_CHAIN)],
    [
      'Triage',
      (providers, clock) => {
        const classifier = new RequestClassifier();
        return triageStrategy(providers, clock, (request, signal) => classifier.classify(request, signal, { alreadyScanned: true }));
      },
    ],
    ...heldOutRow,
    [
      'Triage, oracle labels',
      (providers, clock) => triageStrategy(providers, clock, async (request) => fixedClassification(labelled.get(request) ?? 'coding', 'the record label')),
    ],
    [
      'Triage, strongest-first pools',
      (providers, clock) => {
        const classifier = new RequestClassifier();
        return triageStrategy(providers, clock, (request, signal) => classifier.classify(request, signal, { alreadyScanned: true }), poolsFromSettings(STRONGEST_FIRST_POOLS));
      },
    ],
  ];
  const fakes = await startFakesProcess();
  const figures: Omit<StrategyFigures, 'costVsPremium' | 'costVsSonnet'>[] = [];
  try {
    for (const [name, make] of strategies) {
      const started = performance.now();
      figures.push(await runStrategy(name, make, jobs, arrivals, fakes));
      log(`  replay: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await fakes.stop();
  }
  const premium = figures[0]?.costMicros ?? 0;
  const sonnet = figures.find((f) => f.name === 'always-Sonnet')?.costMicros ?? 0;
  return {
    workload: {
      file,
      requests: jobs.length,
      orderSeed: ORDER_SEED,
      virtualMinutes: ((arrivals[arrivals.length - 1] as number) - VIRTUAL_START) / 60_000,
      meanInterArrivalMs: 2_000,
      warmupRequests: WARMUP_REQUESTS,
      limits: MODEL_LIMITS,
      outages: OUTAGES,
      premiumChain: PREMIUM_CHAIN,
      sonnetChain: SONNET_CHAIN,
      sequentialChain: SEQUENTIAL_CHAIN,
    },
    strategies: figures.map((f) => ({ ...f, costVsPremium: ratio(f.costMicros, premium), costVsSonnet: ratio(f.costMicros, sonnet) })),
  };
}
