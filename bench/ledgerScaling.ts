// Ledger scaling: first spend figure (cold and from the checkpoint) and the longest event-loop block, per ledger size.
// `npx tsx bench/ledgerScaling.ts [sizes]` (default 1000,10000,100000; add 1000000 for the 1M row); `LEDGER_STORE=path`
// benches another store module exporting LedgerFileStore (e.g. the version before the checkpoint, for before/after).

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toLedgerLine } from '../src/core/ledger/ledgerLines';
import type { LedgerRecord } from '../src/core/ledger/ledgerRecord';
import { DEFAULT_BUDGET } from '../src/core/budget/budgetSettings';
import { buildSpendReportAsync } from '../src/host/spendReport';

export interface LedgerScalingRow {
  readonly lines: number;
  readonly megabytes: number;
  readonly coldFirstMs: number;
  readonly coldMaxBlockMs: number;
  readonly warmFirstMs: number;
  readonly warmMaxBlockMs: number;
  /** Spend panel open: every record read, then the 30-day report built (in steps of 5000 records). */
  readonly panelOpenMs: number;
  readonly panelMaxBlockMs: number;
  /** The panel's reread after one more request finished. */
  readonly rereadMs: number;
}

const NOW = new Date(2026, 10, 22, 12).getTime();

function sample(i: number): LedgerRecord {
  return {
    v: 1,
    time: new Date(NOW - (i % 20) * 3_600_000).toISOString(),
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

async function writeLedger(dir: string, lines: number): Promise<number> {
  const file = path.join(dir, 'ledger-2026-11.jsonl');
  const handle = await fs.open(file, 'w');
  try {
    for (let at = 0; at < lines; at += 10_000) {
      let text = '';
      for (let i = at; i < Math.min(lines, at + 10_000); i++) text += toLedgerLine(sample(i));
      await handle.write(text);
    }
  } finally {
    await handle.close();
  }
  return (await fs.stat(file)).size;
}

/** Runs `work` while a 1 ms ticker records the longest gap between ticks (the longest synchronous block). */
async function timed(work: () => Promise<unknown>): Promise<{ ms: number; maxBlockMs: number }> {
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
  return { ms, maxBlockMs };
}

type Store = { spent(nowMs: number): Promise<unknown>; read(fromMs: number | null): Promise<{ records: readonly LedgerRecord[] }>; append(record: LedgerRecord): Promise<void> };

export async function ledgerScaling(sizes: readonly number[], storeModule = '../src/host/ledgerFileStore'): Promise<LedgerScalingRow[]> {
  const { LedgerFileStore } = (await import(storeModule)) as { LedgerFileStore: new (dir: string) => Store };
  const rows: LedgerScalingRow[] = [];
  for (const lines of sizes) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'triage-ledger-bench-'));
    try {
      const bytes = await writeLedger(dir, lines);
      const cold = await timed(() => new LedgerFileStore(dir).spent(NOW));
      const warm = await timed(() => new LedgerFileStore(dir).spent(NOW));
      const panelStore = new LedgerFileStore(dir);
      const openPanel = async (): Promise<void> => {
        const read = await panelStore.read(null);
        // A record the reader rejects would be timed as a corrupt line (parsed twice), not as a record.
        if (read.records.length < lines) throw new Error(`bench ledger: only ${read.records.length} of ${lines} lines read as records`);
        await buildSpendReportAsync(
          { records: read.records, skippedLines: 0, range: '30d', nowMs: NOW, budget: DEFAULT_BUDGET, baselineModel: 'openai:gpt-mini' },
          () => new Promise((resolve) => setImmediate(resolve)),
        );
      };
      const panel = await timed(openPanel);
      await panelStore.append(sample(lines));
      const reread = await timed(openPanel);
      rows.push({ lines, megabytes: bytes / 2 ** 20, coldFirstMs: cold.ms, coldMaxBlockMs: cold.maxBlockMs, warmFirstMs: warm.ms, warmMaxBlockMs: warm.maxBlockMs, panelOpenMs: panel.ms, panelMaxBlockMs: panel.maxBlockMs, rereadMs: reread.ms });
    } catch (error) {
      process.stdout.write(`  ${lines} lines: ${(error as Error).message}\n`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

export function ledgerScalingLines(rows: readonly LedgerScalingRow[]): string[] {
  const f = (ms: number): string => `${ms.toFixed(1).padStart(8)} ms`;
  const head = 'lines       MiB | spend cold   max block | spend new window  max block | panel open   max block | panel reread';
  return [head, ...rows.map((r) => `${String(r.lines).padEnd(9)} ${r.megabytes.toFixed(1).padStart(6)} | ${f(r.coldFirstMs)} ${f(r.coldMaxBlockMs)} | ${f(r.warmFirstMs)} ${f(r.warmMaxBlockMs)} | ${f(r.panelOpenMs)} ${f(r.panelMaxBlockMs)} | ${f(r.rereadMs)}`)];
}

if (require.main === module) {
  const sizes = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number);
  void ledgerScaling(sizes, process.env.LEDGER_STORE ? path.resolve(process.env.LEDGER_STORE) : undefined).then((rows) => {
    for (const line of ledgerScalingLines(rows)) process.stdout.write(`${line}\n`);
  });
}
