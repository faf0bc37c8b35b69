// Bench part `faults`: per fault kind and provider, what the real router and adapters do against the fakes, on virtual time —
// calls to the faulty model, calls wasted on a 429, time to answer and who answered, request after request.
// `npx tsx bench/faultBench.ts` prints the table alone; bench/faultBefore.sh runs this same file against another commit.

import type { RouteResult } from '../src/core/routeTypes';
import { anthropicRateLimitHeaders, openAiRateLimitHeaders } from '../test/fakes/script';
import type { Fault, FakeOptions, RecordedRequest, Script } from '../test/fakes/script';
import type { FaultProvider, FaultWorld } from './faultWorld';
import { startFaultWorld } from './faultWorld';
import type { Table } from './table';

export interface FaultRow {
  readonly fault: string;
  readonly provider: string;
  readonly requests: number;
  readonly faultyCalls: number;
  /** Calls answered 429: sent inside a window the provider had announced or would announce. */
  readonly wasted: number;
  /** Virtual seconds per request, in order (concurrent bursts: undefined). */
  readonly seconds?: readonly number[];
  /** Who answered each request (or `failed`), in order; bursts: counts per answer. */
  readonly answered: string;
}

type Request = RecordedRequest & { readonly chat: NonNullable<RecordedRequest['chat']> };
const ok = (text: string, extra: Partial<Script> = {}): Script => ({ chunks: [text], usage: { inputTokens: 1000, outputTokens: 500 }, ...extra });
const rateLimited = (seconds: number, extra: Partial<Script> = {}): Script => ({ chunks: [], fault: { kind: 'rate-limit', hint: { kind: 'retry-after-seconds', seconds } }, ...extra });

/** Fakes where `faulty` models answer `script(request)` and every other model answers at once. */
function fakesWith(faulty: Readonly<Record<string, (request: Request) => Script>>): Partial<Record<FaultProvider, FakeOptions>> {
  const fakes: Partial<Record<FaultProvider, FakeOptions>> = {};
  for (const provider of ['ollama', 'deepseek', 'openai', 'anthropic'] as const) {
    fakes[provider] = {
      respond: (request) => {
        const model = `${provider}:${request.chat?.model ?? ''}`;
        return faulty[model]?.(request as Request) ?? ok(`from ${model}`);
      },
    };
  }
  return fakes;
}

const served = (r: RouteResult): string => (r.outcome === 'ok' ? (r.servedBy ?? '?') : r.outcome);
const wastedIn = (results: readonly RouteResult[]): number => results.flatMap((r) => r.attempts).filter((a) => a.outcome === 'rate-limit').length;

/** `n` requests one after another; a faulty model that hangs gets its first-content deadline fired as soon as the fake has the call. */
async function sequential(fault: string, provider: string, pool: readonly string[], faulty: Readonly<Record<string, (request: Request, w: FaultWorld) => Script>>, n = 3, sensitive = false): Promise<FaultRow> {
  let world: FaultWorld | undefined;
  const bound = Object.fromEntries(Object.entries(faulty).map(([model, script]) => [model, (request: Request) => script(request, world as FaultWorld)]));
  const w = (world = await startFaultWorld({ fakes: fakesWith(bound), pools: { quick: pool }, sensitive }));
  try {
    const results: (RouteResult & { virtualMs: number })[] = [];
    for (let i = 0; i < n; i++) results.push(await w.route());
    return {
      fault,
      provider,
      requests: n,
      faultyCalls: Object.keys(faulty).reduce((sum, model) => sum + w.calls(model), 0),
      wasted: wastedIn(results),
      seconds: results.map((r) => r.virtualMs / 1000),
      answered: results.map(served).join(' → '),
    };
  } finally {
    await w.close();
  }
}

/** Headers, then `fault`; the call's earliest deadline (first content) fires once the adapter has the headers. */
const hanging =
  (fault: Fault) =>
  (_request: Request, w: FaultWorld): Script => {
    w.fireAfterHeaders();
    return { chunks: ['never'], fault };
  };

/** One request, then `burst` at once; the faulty model's answers wait until every burst request has made its first attempt. */
async function burst(fault: string, provider: string, pool: readonly string[], faultyModel: string, answer: (n: number, held: Promise<void>, w: FaultWorld) => Script, size: number, advanceMs = 0): Promise<FaultRow> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let n = 0;
  let world: FaultWorld | undefined;
  const w = (world = await startFaultWorld({ fakes: fakesWith({ [faultyModel]: () => answer(++n, held, world as FaultWorld) }), pools: { quick: pool } }));
  try {
    const first = await w.route();
    w.time.advance(advanceMs);
    const from = w.events.length;
    const starts = () => w.events.slice(from).filter((e) => e.type === 'attempt-start').length;
    const pending = Array.from({ length: size }, () => w.route());
    await w.until(() => starts() >= size);
    release();
    const results = await Promise.all(pending);
    const counts = new Map<string, number>();
    for (const r of results) counts.set(served(r), (counts.get(served(r)) ?? 0) + 1);
    return {
      fault,
      provider,
      requests: 1 + size,
      faultyCalls: w.calls(faultyModel),
      wasted: wastedIn([first, ...results]),
      answered: `${served(first)}, then ${[...counts].map(([m, c]) => `${c}× ${m}`).join(', ')}`,
    };
  } finally {
    await w.close();
  }
}

/** Every scenario, in table order. Deterministic: virtual time, fixed scripts, no sleeps. */
export async function faultBench(): Promise<FaultRow[]> {
  const rows: FaultRow[] = [];
  const silent: Fault = { kind: 'silent-after-headers' };
  const keepAlive: Fault = { kind: 'keep-alive-forever', everyMs: 5 };
  const others = { deepseek: 'openai:gpt-6-luna', openai: 'deepseek:deepseek-flash', anthropic: 'openai:gpt-6-luna' } as const;
  const models = { deepseek: 'deepseek:deepseek-flash', openai: 'openai:gpt-6-luna', anthropic: 'anthropic:claude-haiku-5-5' } as const;
  const label = { deepseek: 'deepseek (OpenAI-compatible SDK)', openai: 'openai (OpenAI SDK)', anthropic: 'anthropic (Anthropic SDK)' } as const;
  for (const p of ['deepseek', 'openai', 'anthropic'] as const) {
    rows.push(await sequential('headers, then silence (item 2)', label[p], [models[p], others[p]], { [models[p]]: hanging(silent) }));
  }
  for (const p of ['deepseek', 'anthropic'] as const) {
    rows.push(await sequential('keep-alive comments / pings only (item 2)', label[p], [models[p], others[p]], { [models[p]]: hanging(keepAlive) }));
  }
  const three = [models.deepseek, models.openai, models.anthropic];
  rows.push(await sequential('pool of three hanging models (item 2)', 'all three', three, Object.fromEntries(three.map((m) => [m, hanging(silent)]))));
  const broken: Record<(typeof models)[keyof typeof models], Fault> = {
    'deepseek:deepseek-flash': { kind: 'drop-mid-stream', afterChunks: 1 },
    'openai:gpt-6-luna': { kind: 'error-mid-stream', afterChunks: 1 },
    'anthropic:claude-haiku-5-5': { kind: 'error-mid-stream', afterChunks: 1 },
  };
  for (const p of ['deepseek', 'openai', 'anthropic'] as const) {
    const fault = broken[models[p]];
    rows.push(await sequential(`${fault.kind} after the first token (item 3)`, label[p], [models[p], others[p]], { [models[p]]: () => ({ chunks: ['Partial ', 'answer'], fault }) }));
  }
  const announced = {
    deepseek: (left: number) => openAiRateLimitHeaders({ limitRequests: 4, remainingRequests: left, resetRequests: '60s', limitTokens: 1e6, remainingTokens: 9e5, resetTokens: '1s' }),
    anthropic: (left: number) => anthropicRateLimitHeaders({ requests: { limit: 4, remaining: left, reset: new Date(Date.parse('2026-11-22T12:01:00Z')) } }),
  };
  for (const p of ['deepseek', 'anthropic'] as const) {
    // 4 requests a minute; the first answer announces 3 left; then 20 requests at once.
    rows.push(await burst('burst of 20 after "3 remaining" (item 8)', label[p], [models[p], others[p]], models[p], (n, held) => (n > 4 ? rateLimited(60, { holdUntil: held }) : ok(`answer ${n}`, { headers: announced[p](4 - n), ...(n > 1 ? { holdUntil: held } : {}) })), 20));
  }
  // A 429 says 20 s, but the provider's window really ends at 25 s: 10 requests arrive at 20 s.
  rows.push(await burst('10 at once as a 429 window ends (item 8 probe)', label.deepseek, [models.deepseek, others.deepseek], models.deepseek, (n, held, w) => (w.time.now() < Date.parse('2026-11-22T12:00:25Z') ? rateLimited(n === 1 ? 20 : 5, n === 1 ? {} : { holdUntil: held }) : ok('back')), 10, 20_000));
  rows.push(await sequential('Ollama 503 "server busy", request holds a secret (item 4)', 'ollama (Ollama SDK)', [models.deepseek], { 'ollama:qwen2.5-coder:7b': (_r, _w) => ({ chunks: [], fault: { kind: 'service-unavailable' } }), 'ollama:qwen2.5:1.5b': (() => { let n = 0; return () => (++n === 1 ? { chunks: [], fault: { kind: 'service-unavailable' } } : ok('local')); })() }, 2, true));
  return rows;
}

export function faultTable(rows: readonly FaultRow[]): Table {
  return {
    title: 'Faults — the real router and SDK adapters against the fakes on 127.0.0.1, virtual time',
    columns: [
      { header: 'Fault' },
      { header: 'Provider' },
      { header: 'Requests', align: 'right' },
      { header: 'Calls to the faulty model', align: 'right' },
      { header: 'Wasted (429)', align: 'right' },
      { header: 'Time to answer, s (per request)', align: 'right' },
      { header: 'Answered by (per request)' },
    ],
    rows: rows.map((r) => [r.fault, r.provider, String(r.requests), String(r.faultyCalls), String(r.wasted), r.seconds ? r.seconds.map((s) => s.toFixed(0)).join(' / ') : '— (at once)', r.answered]),
    notes: [
      'Virtual time: a hanging call costs its first-content deadline (cloud default 180 s) without waiting; answering fakes take 0 s.',
      'Sequential rows send their requests one after another; burst rows one request, then the rest at once, the faulty model answering only after all have chosen.',
      'Wasted = calls answered 429. Before/after: `bash bench/faultBefore.sh <commit>` runs this file against another commit (see bench/README.md).',
    ],
  };
}

if (require.main === module) {
  void (async () => {
    const { renderTable } = await import('./table');
    const started = Date.now();
    const rows = await faultBench();
    process.stdout.write(`${renderTable(faultTable(rows))}\n\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(rows)}\n`);
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
