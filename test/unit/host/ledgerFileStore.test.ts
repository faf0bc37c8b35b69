// The ledger file store on a real temp folder: appends, corrupt lines, concurrent writers, monthly files, spend.

import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toLedgerLine } from '../../../src/core/ledger/ledgerLines';
import type { SpendSoFar } from '../../../src/core/ports';
import { LedgerFileStore } from '../../../src/host/ledgerFileStore';
import { record } from '../core/ledger/ledgerFixtures';

const NOV = new Date(2026, 10, 22, 12).getTime();
const DEC = new Date(2026, 11, 1, 9).getTime();
const iso = (ms: number) => new Date(ms).toISOString();
const realSpend = ({ dayMicros, monthMicros }: SpendSoFar) => ({ dayMicros, monthMicros });

function runWriter(dir: string, count: number, tag: string): Promise<number | null> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', path.join(__dirname, 'ledgerWriter.fixture.ts'), dir, String(count), tag], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

describe('LedgerFileStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'triage-ledger-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('creates the folder and appends one line per record', async () => {
    const store = new LedgerFileStore(path.join(dir, 'nested'));
    await store.append(record({ time: iso(NOV) }));
    await store.append(record({ time: iso(NOV + 1000), costMicros: 5 }));
    const text = await fs.readFile(path.join(dir, 'nested', 'ledger-2026-11.jsonl'), 'utf8');
    assert.equal(text.split('\n').length, 3);
    const read = await store.read();
    assert.deepEqual(read.records.map((r) => r.costMicros), [450, 5]);
  });

  it('skips, counts and reports corrupt and truncated lines, keeping every other line', async () => {
    const store = new LedgerFileStore(dir);
    await store.append(record({ time: iso(NOV) }));
    await fs.appendFile(path.join(dir, 'ledger-2026-11.jsonl'), '{"v":1,"time":\n\u0000garbage\n');
    await store.append(record({ time: iso(NOV), costMicros: 9 }));
    await fs.appendFile(path.join(dir, 'ledger-2026-11.jsonl'), toLedgerLine(record()).slice(0, 50));
    const read = await store.read();
    assert.deepEqual(read.records.map((r) => r.costMicros), [450, 9]);
    assert.equal(read.corruptLines, 2);
    assert.equal(read.truncatedLines, 1);
  });

  it('starts on a fresh line after a torn last line (a crash mid-write), so the next record is never lost', async () => {
    const file = path.join(dir, 'ledger-2026-11.jsonl');
    await new LedgerFileStore(dir).append(record({ time: iso(NOV), costMicros: 100 }));
    await fs.appendFile(file, toLedgerLine(record({ time: iso(NOV), costMicros: 7 })).slice(0, 60)); // the crash
    const store = new LedgerFileStore(dir); // the next window
    await store.append(record({ time: iso(NOV), costMicros: 20 }));
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    assert.equal(lines.length, 4, 'good line, torn line, new line, and the final newline');
    assert.equal(JSON.parse(lines[2] as string).costMicros, 20);
    const read = await store.read();
    assert.deepEqual(read.records.map((r) => r.costMicros), [100, 20]);
    assert.equal(read.corruptLines, 1, 'the torn line is skipped and counted');
    assert.deepEqual(realSpend(await store.spent(NOV)), { dayMicros: 120, monthMicros: 120 });
    await store.append(record({ time: iso(NOV), costMicros: 3 }));
    assert.equal((await fs.readFile(file, 'utf8')).split('\n').length, 5, 'a file ending in a newline gets no blank line');
  });

  it('never interleaves many concurrent appends from two store instances', async () => {
    const a = new LedgerFileStore(dir);
    const b = new LedgerFileStore(dir);
    const big = 'y'.repeat(5000);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).append(record({ time: iso(NOV), reason: `${i}-${big}` }))),
    );
    const read = await a.read();
    assert.equal(read.records.length, 200);
    assert.equal(read.corruptLines + read.truncatedLines, 0);
    assert.equal(new Set(read.records.map((r) => r.reason.split('-')[0])).size, 200);
  });

  it('never interleaves appends from two processes writing at once', async function () {
    this.timeout(30_000);
    const codes = await Promise.all([runWriter(dir, 150, 'alpha'), runWriter(dir, 150, 'beta')]);
    assert.deepEqual(codes, [0, 0]);
    const files = await fs.readdir(dir);
    assert.equal(files.length, 1);
    const text = await fs.readFile(path.join(dir, files[0] as string), 'utf8');
    const lines = text.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 300);
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line));
    const read = await new LedgerFileStore(dir).read();
    assert.equal(read.records.filter((r) => r.reason.startsWith('alpha-')).length, 150);
    assert.equal(read.records.filter((r) => r.reason.startsWith('beta-')).length, 150);
  });

  it('rolls over to a new file each month and reads from a month on', async () => {
    const store = new LedgerFileStore(dir);
    await store.append(record({ time: iso(new Date(2026, 9, 15, 12).getTime()), costMicros: 1 }));
    await store.append(record({ time: iso(NOV), costMicros: 2 }));
    await store.append(record({ time: iso(DEC), costMicros: 3 }));
    await fs.writeFile(path.join(dir, 'notes.txt'), 'not a ledger');
    assert.deepEqual((await fs.readdir(dir)).sort(), ['ledger-2026-10.jsonl', 'ledger-2026-11.jsonl', 'ledger-2026-12.jsonl', 'notes.txt']);
    const fromNov = await store.read(new Date(2026, 10, 20).getTime());
    assert.deepEqual(fromNov.files, ['ledger-2026-11.jsonl', 'ledger-2026-12.jsonl']);
    assert.deepEqual(fromNov.records.map((r) => r.costMicros), [2, 3]);
    assert.equal((await store.read()).records.length, 3);
  });

  it('reads an empty or missing folder as no records', async () => {
    const read = await new LedgerFileStore(path.join(dir, 'missing')).read();
    assert.deepEqual(read, { records: [], corruptLines: 0, truncatedLines: 0, files: [] });
  });

  it('keeps demo-mode spend apart from real spend, so it never counts against a budget', async () => {
    const store = new LedgerFileStore(dir, 1);
    await store.append(record({ time: iso(NOV), costMicros: 100 }));
    await store.append(record({ time: iso(NOV + 1), costMicros: 40, demo: true }));
    assert.deepEqual(await store.spent(NOV), { dayMicros: 100, monthMicros: 100, demoDayMicros: 40, demoMonthMicros: 40 });
    await store.append(record({ time: iso(NOV + 2), costMicros: 2, demo: true }));
    const fresh = new LedgerFileStore(dir, 1); // another window, starting from the checkpoint
    assert.deepEqual(await fresh.spent(NOV), { dayMicros: 100, monthMicros: 100, demoDayMicros: 42, demoMonthMicros: 42 });
  });

  it('reports spend today and this month, reading only new bytes, including other writers’ lines', async () => {
    const store = new LedgerFileStore(dir);
    const other = new LedgerFileStore(dir);
    assert.deepEqual(realSpend(await store.spent(NOV)), { dayMicros: 0, monthMicros: 0 });
    await store.append(record({ time: iso(NOV), costMicros: 100 }));
    await other.append(record({ time: iso(new Date(2026, 10, 3, 12).getTime()), costMicros: 40 }));
    assert.deepEqual(realSpend(await store.spent(NOV)), { dayMicros: 100, monthMicros: 140 });
    const file = path.join(dir, 'ledger-2026-11.jsonl');
    const line = toLedgerLine(record({ time: iso(NOV), costMicros: 7 }));
    await fs.appendFile(file, line.slice(0, 30));
    assert.deepEqual(realSpend(await store.spent(NOV)), { dayMicros: 100, monthMicros: 140 }, 'a half-written line is not counted yet');
    await fs.appendFile(file, line.slice(30));
    assert.deepEqual(realSpend(await store.spent(NOV)), { dayMicros: 107, monthMicros: 147 });
    await store.append(record({ time: iso(DEC), costMicros: 5 }));
    assert.deepEqual(realSpend(await store.spent(DEC)), { dayMicros: 5, monthMicros: 5 }, 'a new month starts from zero');
  });

  it('starts over when the file shrinks (replaced or cleared)', async () => {
    const store = new LedgerFileStore(dir);
    await store.append(record({ time: iso(NOV), costMicros: 100 }));
    assert.equal((await store.spent(NOV)).monthMicros, 100);
    await fs.writeFile(path.join(dir, 'ledger-2026-11.jsonl'), toLedgerLine(record({ time: iso(NOV), costMicros: 3 })));
    assert.equal((await store.spent(NOV)).monthMicros, 3);
  });

  it('serialises concurrent spend reads so nothing is counted twice', async () => {
    const store = new LedgerFileStore(dir);
    await store.append(record({ time: iso(NOV), costMicros: 10 }));
    const results = await Promise.all([store.spent(NOV), store.spent(NOV), store.spent(NOV)]);
    assert.deepEqual(results.map((r) => r.monthMicros), [10, 10, 10]);
  });
});
