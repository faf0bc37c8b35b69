// The spend checkpoint beside a ledger file: used when it fits, rebuilt when stale, right with torn lines and other writers.

import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toLedgerLine } from '../../../src/core/ledger/ledgerLines';
import { checkpointFileName } from '../../../src/core/ledger/spendCheckpoint';
import { addToLedgerDigest, emptyLedgerDigest } from '../../../src/core/ledger/spendDigest';
import type { LedgerDigest } from '../../../src/core/ledger/spendDigest';
import { LedgerFileStore } from '../../../src/host/ledgerFileStore';
import { HealthColumns } from '../../../src/core/health/healthColumns';
import { record } from '../core/ledger/ledgerFixtures';

const NOV = new Date(2026, 10, 22, 12).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

/** A checkpoint with `micros` more spend on its first day, every part still adding up (so it stays valid). */
function marked(saved: { digest: LedgerDigest }, flag: 'real' | 'demo', micros: number): Record<string, unknown> {
  const copy = structuredClone(saved);
  const day = Object.values(copy.digest.days).find((d) => d[flag])![flag]!;
  day.totals.costMicros += micros;
  Object.values(day.byPool)[0]!.costMicros += micros;
  day.servedCost.quick += micros;
  return copy;
}

/** A digest with its newest-records list cut to what every reader keeps (the list is trimmed in steps). */
function normalised(d: LedgerDigest): unknown {
  return { days: JSON.parse(JSON.stringify(d.days)), corrupt: d.corruptLines, real: d.recent.real.slice(-25), demo: d.recent.demo.slice(-25) };
}

describe('spend checkpoint', () => {
  let dir: string;
  let file: string;
  let checkpoint: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'triage-checkpoint-'));
    file = path.join(dir, 'ledger-2026-11.jsonl');
    checkpoint = path.join(dir, checkpointFileName('2026-11'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function writeLines(costs: number[]): Promise<void> {
    await fs.appendFile(file, costs.map((c) => toLedgerLine(record({ time: iso(NOV), costMicros: c }))).join(''));
  }

  it('a new window starts from the checkpoint and reads only the bytes after it', async () => {
    await writeLines([100, 200]);
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 300);
    const saved = JSON.parse(await fs.readFile(checkpoint, 'utf8'));
    assert.equal(saved.offset, (await fs.stat(file)).size);
    // Mark the checkpoint: a store that re-read the whole file would not see the mark.
    await fs.writeFile(checkpoint, JSON.stringify(marked(saved, 'real', 1000)));
    await writeLines([5]);
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 1305);
  });

  it('carries demo spend apart in the checkpoint, and rebuilds a v2 checkpoint (status-bar totals, no digests)', async () => {
    await fs.appendFile(file, toLedgerLine(record({ time: iso(NOV), costMicros: 100 })) + toLedgerLine(record({ time: iso(NOV), costMicros: 7, demo: true })));
    await new LedgerFileStore(dir, 1).spent(NOV);
    const saved = JSON.parse(await fs.readFile(checkpoint, 'utf8'));
    assert.equal(saved.v, 3);
    await fs.writeFile(checkpoint, JSON.stringify(marked(saved, 'demo', 1000)));
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).demoMonthMicros, 1007, 'demo spend comes from the checkpoint');
    await fs.writeFile(checkpoint, JSON.stringify({ v: 2, month: saved.month, offset: saved.offset, monthMicros: 5000, byDay: {}, demoMonthMicros: 0, demoByDay: {}, anchor: saved.anchor }));
    const rebuilt = await new LedgerFileStore(dir, 1).spent(NOV);
    assert.deepEqual([rebuilt.monthMicros, rebuilt.demoMonthMicros], [100, 7]);
  });

  it('rebuilds a checkpoint written before answered requests and experiment arms were kept, once', async () => {
    await fs.appendFile(file, toLedgerLine(record({ time: iso(NOV), costMicros: 100, experiment: { id: 'cheap', arm: 'alternative' } })));
    await new LedgerFileStore(dir, 1).digests();
    const saved = JSON.parse(await fs.readFile(checkpoint, 'utf8'));
    const day = Object.values(saved.digest.days as Record<string, { real: Record<string, unknown> }>)[0]!.real;
    assert.deepEqual(day.answered, { byPool: { quick: { n: 1, cost: 100 } }, byModel: { 'deepseek:deepseek-flash': { n: 1, cost: 100 } } });
    assert.deepEqual(day.experiments, { cheap: { alternative: { cost: { n: 1, mean: 100, m2: 0 }, latency: { n: 1, mean: 900, m2: 0 } } } });
    // An older checkpoint, marked so a store that used it would show 1100: rebuilt from the file instead.
    const older = marked(saved, 'real', 1000) as { digest: { days: Record<string, { real: Record<string, unknown> }> } };
    for (const d of Object.values(older.digest.days)) {
      delete d.real.answered;
      delete d.real.experiments;
    }
    await fs.writeFile(checkpoint, JSON.stringify(older));
    const [digest] = (await new LedgerFileStore(dir, 1).digests()).digests;
    const rebuilt = Object.values(digest!.days)[0]!.real!;
    assert.equal(rebuilt.totals.costMicros, 100);
    assert.equal(rebuilt.experiments.cheap?.alternative?.cost.n, 1);
  });

  it('rebuilds from a checkpoint whose digest does not add up, or whose first bytes differ from the file', async () => {
    await writeLines([100, 200]);
    await new LedgerFileStore(dir, 1).spent(NOV);
    const saved = JSON.parse(await fs.readFile(checkpoint, 'utf8'));
    const day = Object.keys(saved.digest.days)[0];
    const torn = structuredClone(saved);
    torn.digest.days[day].real.totals.costMicros += 1000; // the pools no longer add up to the total
    await fs.writeFile(checkpoint, JSON.stringify(torn));
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 300);
    await fs.writeFile(checkpoint, JSON.stringify({ ...marked(saved, 'real', 1000), head: Buffer.from('something else').toString('base64') }));
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 300);
    await fs.writeFile(checkpoint, JSON.stringify({ ...marked(saved, 'real', 1000), digest: { ...saved.digest, recent: { real: [{ v: 1 }], demo: [] } } }));
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 300, 'a malformed recent record rejects the checkpoint');
  });

  it('rebuilds when the file was replaced, even by a longer one (the bytes before the offset differ)', async () => {
    await writeLines([100, 200]);
    await new LedgerFileStore(dir, 1).spent(NOV);
    await fs.writeFile(file, [7, 8, 9, 10].map((c) => toLedgerLine(record({ time: iso(NOV), costMicros: c, reason: 'other text here' }))).join(''));
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 34);
  });

  it('rebuilds when the checkpoint points past the end of the file, or is not a checkpoint', async () => {
    await writeLines([100, 200]);
    await new LedgerFileStore(dir, 1).spent(NOV);
    const saved = JSON.parse(await fs.readFile(checkpoint, 'utf8'));
    await fs.writeFile(checkpoint, JSON.stringify({ ...marked(saved, 'real', 1), offset: saved.offset + 10 }));
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 300);
    await fs.writeFile(checkpoint, '{"v":3,"month":');
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 300);
  });

  it('checkpoints only at a line boundary, so a torn line completed later counts once', async () => {
    await writeLines([100]);
    const line = toLedgerLine(record({ time: iso(NOV), costMicros: 7 }));
    await fs.appendFile(file, line.slice(0, 40));
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 100);
    const saved = JSON.parse(await fs.readFile(checkpoint, 'utf8'));
    assert.equal(saved.offset, (await fs.stat(file)).size - 40);
    await fs.appendFile(file, line.slice(40));
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 107);
  });

  it('stays right while several windows append and checkpoint the same file', async () => {
    const windows = [new LedgerFileStore(dir, 1), new LedgerFileStore(dir, 1), new LedgerFileStore(dir, 1)];
    let total = 0;
    for (let i = 0; i < 30; i++) {
      const cost = i + 1;
      total += cost;
      const w = windows[i % 3];
      await Promise.all([w.append(record({ time: iso(NOV), costMicros: cost })), windows[(i + 1) % 3].spent(NOV)]);
    }
    for (const w of windows) assert.equal((await w.spent(NOV)).monthMicros, total);
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, total);
  });

  it('reads a month bigger than one chunk in steps and counts every line', async () => {
    const costs = Array.from({ length: 6000 }, (_, i) => (i % 7) + 1);
    await writeLines(costs);
    assert.ok((await fs.stat(file)).size > 1 << 20, 'the fixture spans more than one 1 MiB chunk');
    assert.equal((await new LedgerFileStore(dir).spent(NOV)).monthMicros, costs.reduce((a, b) => a + b, 0));
  });

  it('a reread after appends parses only the appended bytes, and rereads a file that was rewritten', async () => {
    await writeLines([100, 200, 300]);
    const store = new LedgerFileStore(dir);
    const total = async () => (await store.digests()).digests.reduce((n, d) => n + Object.values(d.days).reduce((m, day) => m + (day.real?.totals.costMicros ?? 0), 0), 0);
    assert.equal(await total(), 600);
    // Change the first line in place (same length, far from the end): an incremental reread does not see it.
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('"costMicros":100', '"costMicros":900'));
    await writeLines([4]);
    assert.equal(await total(), 604);
    await fs.writeFile(file, toLedgerLine(record({ time: iso(NOV), costMicros: 6 })));
    assert.equal(await total(), 6, 'a rewritten file is read again');
  });

  it('a torn last line is reported, then counted once when its writer finishes it', async () => {
    await writeLines([100]);
    const line = toLedgerLine(record({ time: iso(NOV), costMicros: 7 }));
    await fs.appendFile(file, line.slice(0, 40));
    const store = new LedgerFileStore(dir);
    const first = await store.read();
    assert.deepEqual([first.records.length, first.truncatedLines], [1, 1]);
    const firstDigests = await store.digests();
    assert.deepEqual([firstDigests.truncatedLines, firstDigests.digests[0]?.recent.real.length], [1, 1]);
    await fs.appendFile(file, line.slice(40));
    const second = await store.read();
    assert.deepEqual([second.records.map((r) => r.costMicros), second.truncatedLines, second.corruptLines], [[100, 7], 0, 0]);
    const secondDigests = await store.digests();
    assert.deepEqual([secondDigests.truncatedLines, secondDigests.corruptLines, secondDigests.digests[0]?.recent.real.map((r) => r.costMicros)], [0, 0, [100, 7]]);
  });

  it('a torn line left by a crash never swallows the next record, with a checkpoint before it (item 10)', async () => {
    await writeLines([100]);
    const store = new LedgerFileStore(dir, 1);
    assert.equal((await store.spent(NOV)).monthMicros, 100); // checkpoint at the end of the first line
    await fs.appendFile(file, toLedgerLine(record({ time: iso(NOV), costMicros: 7 })).slice(0, 40)); // the crash
    await new LedgerFileStore(dir, 1).append(record({ time: iso(NOV), costMicros: 5 }));
    for (const s of [store, new LedgerFileStore(dir, 1), new LedgerFileStore(dir)]) {
      const read = await s.digests();
      assert.deepEqual([(await s.spent(NOV)).monthMicros, read.corruptLines, read.truncatedLines], [105, 1, 0]);
    }
  });

  it('the digests after appends, checkpoints and other writers equal a full re-read of the files', async () => {
    const windows = [new LedgerFileStore(dir, 1), new LedgerFileStore(dir, 4096)];
    const kinds = ['chat', 'edit', 'review', 'lm'] as const;
    for (let i = 0; i < 60; i++) {
      const at = new Date(2026, 10, 1 + (i % 25), 9 + (i % 10)).getTime();
      const extra = i % 9 === 0 ? { demo: true as const } : i % 7 === 0 ? { outcome: 'failed' as const, escalated: true } : i % 11 === 0 ? { retry: 'stronger' as const, cache: 'hit' as const, cacheSavedMicros: 9 } : {};
      const experiment = i % 4 === 1 ? { experiment: { id: 'cheap', arm: i % 8 === 1 ? ('alternative' as const) : ('control' as const) } } : {};
      await windows[i % 2]!.append(record({ time: iso(at), costMicros: i * 3 + 1, kind: kinds[i % 4]!, pool: i % 3 === 0 ? 'coding' : 'quick', ...extra, ...experiment }));
      if (i % 5 === 0) await windows[(i + 1) % 2]!.digests();
      if (i % 13 === 0) windows.push(new LedgerFileStore(dir, 1)); // a window opening mid-way, from the checkpoint
    }
    const full = emptyLedgerDigest();
    for (const r of (await new LedgerFileStore(dir).read()).records) addToLedgerDigest(full, r);
    for (const w of windows) {
      const [digest] = (await w.digests()).digests;
      assert.deepEqual(normalised(digest!), normalised(full));
    }
  });

  it('keeps the health window from the end of the ledger and adds only appended records', async () => {
    const store = new LedgerFileStore(dir);
    for (let day = 1; day <= 20; day++) await store.append(record({ time: iso(new Date(2026, 10, day, 12).getTime()), costMicros: day }));
    const from = new Date(2026, 10, 15, 0).getTime();
    // Read backwards a chunk at a time: whole chunks, so the records go back at least a day before the window.
    const inWindow = (records: readonly { time: string; costMicros: number }[], fromMs: number) => records.filter((r) => Date.parse(r.time) >= fromMs).map((r) => r.costMicros);
    const firstColumns = await store.recentRecords(from);
    const first = firstColumns.records();
    assert.deepEqual(inWindow(first, from), [15, 16, 17, 18, 19, 20]);
    assert.ok(first.some((r) => Date.parse(r.time) < from - 86_400_000), 'a record over a day older ends the scan');
    // Only health's fields are kept, in columns: a heavy week of records as objects lengthens every collection.
    assert.ok(firstColumns instanceof HealthColumns);
    assert.deepEqual(Object.keys(first[0]!).sort(), ['costMicros', 'escalated', 'latencyMs', 'outcome', 'servedPool', 'time']);
    await store.append(record({ time: iso(new Date(2026, 10, 21, 12).getTime()), costMicros: 21 }));
    const later = (await store.recentRecords(new Date(2026, 10, 16, 0).getTime())).records();
    assert.deepEqual(inWindow(later, new Date(2026, 10, 16, 0).getTime()), [16, 17, 18, 19, 20, 21]);
    assert.ok(later.length < first.length + 1, 'records older than the window are let go');
    await fs.appendFile(path.join(dir, 'ledger-2026-12.jsonl'), toLedgerLine(record({ time: iso(new Date(2026, 11, 1, 12).getTime()), costMicros: 99 })));
    assert.deepEqual((await store.recentRecords(new Date(2026, 10, 28).getTime())).records().map((r) => r.costMicros), [21, 99], 'crosses into the month before');
  });
});
