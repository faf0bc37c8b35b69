// The spend checkpoint beside a ledger file: used when it fits, rebuilt when stale, right with torn lines and other writers.

import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toLedgerLine } from '../../../src/core/ledger/ledgerLines';
import { checkpointFileName } from '../../../src/core/ledger/spendCheckpoint';
import { LedgerFileStore } from '../../../src/host/ledgerFileStore';
import { record } from '../core/ledger/ledgerFixtures';

const NOV = new Date(2026, 10, 22, 12).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

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
    await fs.writeFile(checkpoint, JSON.stringify({ ...saved, monthMicros: saved.monthMicros + 1000 }));
    await writeLines([5]);
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 1305);
  });

  it('carries demo spend apart in the checkpoint, and rebuilds a v1 checkpoint (which mixed demo spend into real)', async () => {
    await fs.appendFile(file, toLedgerLine(record({ time: iso(NOV), costMicros: 100 })) + toLedgerLine(record({ time: iso(NOV), costMicros: 7, demo: true })));
    await new LedgerFileStore(dir, 1).spent(NOV);
    const saved = JSON.parse(await fs.readFile(checkpoint, 'utf8'));
    assert.equal(saved.v, 2);
    await fs.writeFile(checkpoint, JSON.stringify({ ...saved, demoMonthMicros: saved.demoMonthMicros + 1000 }));
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).demoMonthMicros, 1007, 'demo spend comes from the checkpoint');
    await fs.writeFile(checkpoint, JSON.stringify({ v: 1, month: saved.month, offset: saved.offset, monthMicros: 5000, byDay: {}, anchor: saved.anchor }));
    const rebuilt = await new LedgerFileStore(dir, 1).spent(NOV);
    assert.deepEqual([rebuilt.monthMicros, rebuilt.demoMonthMicros], [100, 7]);
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
    await fs.writeFile(checkpoint, JSON.stringify({ ...saved, offset: saved.offset + 10, monthMicros: 1 }));
    assert.equal((await new LedgerFileStore(dir, 1).spent(NOV)).monthMicros, 300);
    await fs.writeFile(checkpoint, '{"v":1,"month":');
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
    assert.deepEqual((await store.read()).records.map((r) => r.costMicros), [100, 200, 300]);
    // Change the first line in place (same length, far from the end): an incremental reread does not see it.
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('"costMicros":100', '"costMicros":900'));
    await writeLines([4]);
    assert.deepEqual((await store.read()).records.map((r) => r.costMicros), [100, 200, 300, 4]);
    await fs.writeFile(file, toLedgerLine(record({ time: iso(NOV), costMicros: 6 })));
    assert.deepEqual((await store.read()).records.map((r) => r.costMicros), [6], 'a rewritten file is read again');
  });

  it('a torn last line is reported, then counted once when its writer finishes it', async () => {
    await writeLines([100]);
    const line = toLedgerLine(record({ time: iso(NOV), costMicros: 7 }));
    await fs.appendFile(file, line.slice(0, 40));
    const store = new LedgerFileStore(dir);
    const first = await store.read();
    assert.deepEqual([first.records.length, first.truncatedLines], [1, 1]);
    await fs.appendFile(file, line.slice(40));
    const second = await store.read();
    assert.deepEqual([second.records.map((r) => r.costMicros), second.truncatedLines, second.corruptLines], [[100, 7], 0, 0]);
  });
});
