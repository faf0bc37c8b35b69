// Ledger scaling: first spend figure (cold and from the checkpoint), spend panel open (cold, and in a window whose spend
// read left a checkpoint), its update after one more request, and the longest event-loop block of each, per size.
// `npx tsx bench/ledgerScaling.ts [sizes]` (default 1000,10000,100000,1000000). Records are spread over the month
// (Nov 1 to Nov 22 noon, in time order, as a month of use writes them). Run this file in an older tree's bench/ for
// before/after: a store without `digests` is benched through its own read() + buildSpendReportAsync. Beside the
// ledger, one quality signal per ten requests (edits kept, rejected, re-run): the panel's Quality section counts them
// (trees without it skip them).

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { toLedgerLine } from '../src/core/ledger/ledgerLines';
import type { LedgerRecord } from '../src/core/ledger/ledgerRecord';
import { DEFAULT_BUDGET } from '../src/core/budget/budgetSettings';
import { DEFAULT_HEALTH_SETTINGS } from '../src/core/health/healthSettings';
import * as spendReport from '../src/host/spendReport';

export interface LedgerScalingRow {
  readonly lines: number;
  /** Quality signals beside the ledger, counted by every panel open (0 in a tree without the Quality section). */
  readonly signals: number;
  readonly megabytes: number;
  readonly coldFirstMs: number;
  readonly coldMaxBlockMs: number;
  readonly warmFirstMs: number;
  readonly warmMaxBlockMs: number;
  /** Spend panel open in a window with no checkpoint anywhere (the first open ever). */
  readonly coldPanelMs: number;
  readonly coldPanelMaxBlockMs: number;
  /** Spend panel open (30-day report, health row) in a new window after the spend read left its checkpoint. */
  readonly panelOpenMs: number;
  readonly panelMaxBlockMs: number;
  /** The open panel's update after one more request finished. */
  readonly rereadMs: number;
  readonly rereadMaxBlockMs: number;
  /** The longest garbage-collection pause during any of the timed steps (the blocks above include such pauses). */
  readonly maxGcMs: number;
}

const NOW = new Date(2026, 10, 22, 12).getTime();

const MONTH_START = new Date(2026, 10, 1).getTime();

function sample(i: number, lines: number): LedgerRecord {
  return {
    v: 1,
    time: new Date(MONTH_START + Math.floor(((NOW - MONTH_START) * i) / lines)).toISOString(),
    kind: 'chat',
    classifier: { source: 'embedded' },
    pool: 'quick',
    reason: 'bench',
    attempts: [{ model: 'gpt-mini', outcome: 'ok', costMicros: 12 }],
    servedBy: 'gpt-mini',
    usage: { inputTokens: 800, cachedInputTokens: 0, outputTokens: 200 },
    costMicros: 12,
    baselineMicros: 40,
    outcome: 'ok',
    escalated: false,
    budgetDowngraded: false,
  } as unknown as LedgerRecord;
}

/** One signal per ten requests, about that request (kept, rejected or re-run in turn), a minute after it started. */
async function writeSignals(dir: string, lines: number): Promise<number> {
  const kinds = ['edit-accepted', 'edit-accepted', 'edit-rejected', 'edit-rerun'] as const;
  const handle = await fs.open(path.join(dir, 'quality-2026-11.jsonl'), 'w');
  let n = 0;
  try {
    for (let at = 0; at < lines; at += 100_000) {
      let text = '';
      for (let i = at; i < Math.min(lines, at + 100_000); i += 10) {
        const r = sample(i, lines);
        const time = new Date(Date.parse(r.time) + 60_000).toISOString();
        text += `${JSON.stringify({ v: 1, time, id: `bench-${i}`, signal: kinds[n++ % kinds.length], req: { time: r.time, pool: 'quick', model: 'gpt-mini' } })}\n`;
      }
      await handle.write(text);
    }
  } finally {
    await handle.close();
  }
  return n;
}

async function writeLedger(dir: string, lines: number): Promise<number> {
  const file = path.join(dir, 'ledger-2026-11.jsonl');
  const handle = await fs.open(file, 'w');
  try {
    for (let at = 0; at < lines; at += 10_000) {
      let text = '';
      for (let i = at; i < Math.min(lines, at + 10_000); i++) text += toLedgerLine(sample(i, lines));
      await handle.write(text);
    }
  } finally {
    await handle.close();
  }
  return (await fs.stat(file)).size;
}

/**
 * Runs `work` while a 1 ms ticker records the longest gap between ticks (the longest synchronous block), and the
 * longest garbage-collection pause V8 reported meanwhile (a block can be the collector's, not the code's).
 */
async function timed(work: () => Promise<unknown>): Promise<{ ms: number; maxBlockMs: number; maxGcMs: number }> {
  let maxGcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) maxGcMs = Math.max(maxGcMs, e.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  let last = performance.now();
  let maxBlockMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxBlockMs = Math.max(maxBlockMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  maxBlockMs = Math.max(maxBlockMs, performance.now() - last);
  clearInterval(ticker);
  // GC entries are delivered after the task that saw them: one turn of the event loop lets the last of them arrive.
  await new Promise((resolve) => setImmediate(resolve));
  for (const e of gc.takeRecords()) maxGcMs = Math.max(maxGcMs, e.duration);
  gc.disconnect();
  return { ms, maxBlockMs, maxGcMs };
}

type Store = {
  spent(nowMs: number): Promise<unknown>;
  read(fromMs: number | null): Promise<{ records: readonly LedgerRecord[] }>;
  append(record: LedgerRecord): Promise<void>;
  digests?(): Promise<{ digests: readonly unknown[] }>;
  recentRecords?(fromMs: number): Promise<LedgerRecord[]>;
};

const SETTINGS = { skippedLines: 0, range: '30d' as const, nowMs: NOW, budget: DEFAULT_BUDGET, baselineModel: 'openai:gpt-mini', health: DEFAULT_HEALTH_SETTINGS };
const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** This tree's quality reading for one window's panel (kept across its reports, as the panel keeps it), when it has one. */
type QualityReader = (dir: string) => () => Promise<unknown>;

async function qualityReader(): Promise<QualityReader | undefined> {
  try {
    const { QualityTalliesReader } = (await import('../src/host/qualityTallies')) as { QualityTalliesReader: new (store: unknown) => { read(readFrom: number | null, rangeFrom: number | null, demo: boolean): Promise<unknown> } };
    const { QualityFileStore } = (await import('../src/host/qualityFileStore')) as { QualityFileStore: new (dir: string) => unknown };
    const from = new Date(2026, 9, 24).getTime(); // the 30-day range's start
    return (dir) => {
      const reader = new QualityTalliesReader(new QualityFileStore(dir));
      return () => reader.read(from, from, false);
    };
  } catch {
    return undefined; // an older tree: no Quality section
  }
}

/** What the panel does to show its report (the 30-day range, health row and Quality section included), with this tree's store. */
async function openPanel(store: Store, lines: number, quality?: () => Promise<unknown>): Promise<unknown> {
  const api = spendReport as unknown as Record<string, (...args: unknown[]) => unknown>;
  if (store.digests && store.recentRecords && api.reportFromDigests) {
    const tallies = quality ? await quality() : undefined;
    const recentRecords = await store.recentRecords(NOW - 7 * 86_400_000);
    // This tree's health count in steps when it has one; an older tree's reportFromDigests counts `recentRecords` itself.
    const health = (await import('../src/core/health/healthCheck')) as Record<string, unknown>;
    const healthReport =
      typeof health.checkHealthInSteps === 'function'
        ? await (health.checkHealthInSteps as (...args: unknown[]) => Promise<unknown>)(recentRecords, NOW, SETTINGS.health.thresholds, SETTINGS.health.window, false, nextTask)
        : undefined;
    const read = await store.digests();
    const report = api.reportFromDigests({ ...SETTINGS, digests: read.digests, recentRecords, healthReport, ...(tallies ? { quality: tallies, experiments: [] } : {}) }) as {
      totals: { requests: number };
      quality?: { byPool: { judged: number }[] };
    };
    if (report.totals.requests < Math.min(lines, lines * 0.9)) throw new Error(`bench ledger: only ${report.totals.requests} of ${lines} records in the report`);
    const judged = report.quality?.byPool.reduce((n, p) => n + p.judged, 0) ?? 0;
    if (tallies && judged < Math.floor((lines / 10) * 0.75 * 0.9)) throw new Error(`bench ledger: only ${judged} judged requests in the Quality section`);
    return report;
  }
  const read = await store.read(null);
  // A record the reader rejects would be timed as a corrupt line (parsed twice), not as a record.
  if (read.records.length < lines) throw new Error(`bench ledger: only ${read.records.length} of ${lines} lines read as records`);
  return api.buildSpendReportAsync?.({ ...SETTINGS, records: read.records }, nextTask);
}

export async function ledgerScaling(sizes: readonly number[], storeModule = '../src/host/ledgerFileStore'): Promise<LedgerScalingRow[]> {
  const { LedgerFileStore } = (await import(storeModule)) as { LedgerFileStore: new (dir: string) => Store };
  const rows: LedgerScalingRow[] = [];
  const reader = process.env.NO_QUALITY ? undefined : await qualityReader();
  for (const lines of sizes) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'triage-ledger-bench-'));
    try {
      const bytes = await writeLedger(dir, lines);
      const signals = reader ? await writeSignals(dir, lines) : 0;
      const coldPanel = await timed(() => openPanel(new LedgerFileStore(dir), lines, reader?.(dir)));
      for (const name of await fs.readdir(dir)) if (name.endsWith('.checkpoint.json')) await fs.rm(path.join(dir, name));
      const cold = await timed(() => new LedgerFileStore(dir).spent(NOW));
      const warm = await timed(() => new LedgerFileStore(dir).spent(NOW));
      const panelStore = new LedgerFileStore(dir);
      const quality = reader?.(dir);
      const panel = await timed(() => openPanel(panelStore, lines, quality));
      await panelStore.append(sample(lines, lines));
      const reread = await timed(() => openPanel(panelStore, lines, quality));
      rows.push({ lines, signals, megabytes: bytes / 2 ** 20, coldFirstMs: cold.ms, coldMaxBlockMs: cold.maxBlockMs, warmFirstMs: warm.ms, warmMaxBlockMs: warm.maxBlockMs, coldPanelMs: coldPanel.ms, coldPanelMaxBlockMs: coldPanel.maxBlockMs, panelOpenMs: panel.ms, panelMaxBlockMs: panel.maxBlockMs, rereadMs: reread.ms, rereadMaxBlockMs: reread.maxBlockMs, maxGcMs: Math.max(coldPanel.maxGcMs, cold.maxGcMs, warm.maxGcMs, panel.maxGcMs, reread.maxGcMs) });
    } catch (error) {
      process.stdout.write(`  ${lines} lines: ${(error as Error).message}\n`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

export function ledgerScalingLines(rows: readonly LedgerScalingRow[]): string[] {
  const f = (ms: number): string => `${ms.toFixed(1).padStart(8)}`;
  const head = 'lines     signals    MiB | spend cold  block | spend new window  block | panel first ever  block | panel open  block | panel update  block | longest GC   (ms)';
  return [
    head,
    ...rows.map(
      (r) =>
        `${String(r.lines).padEnd(9)} ${String(r.signals ?? 0).padStart(7)} ${r.megabytes.toFixed(1).padStart(6)} | ${f(r.coldFirstMs)} ${f(r.coldMaxBlockMs)} | ${f(r.warmFirstMs)} ${f(r.warmMaxBlockMs)} | ${f(r.coldPanelMs)} ${f(r.coldPanelMaxBlockMs)} | ${f(r.panelOpenMs)} ${f(r.panelMaxBlockMs)} | ${f(r.rereadMs)} ${f(r.rereadMaxBlockMs)} | ${f(r.maxGcMs ?? 0)}`,
    ),
  ];
}

if (require.main === module) {
  const sizes = (process.argv[2] ?? '1000,10000,100000,1000000').split(',').map(Number);
  void ledgerScaling(sizes, process.env.LEDGER_STORE ? path.resolve(process.env.LEDGER_STORE) : undefined).then((rows) => {
    for (const line of ledgerScalingLines(rows)) process.stdout.write(`${line}\n`);
  });
}
