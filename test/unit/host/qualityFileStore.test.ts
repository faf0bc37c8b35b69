// The quality signal files on a real temp folder: beside the ledger, one line per signal, torn lines, months.

import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toQualityLine } from '../../../src/core/quality/qualitySignal';
import type { QualitySignal } from '../../../src/core/quality/qualitySignal';
import { LedgerFileStore } from '../../../src/host/ledgerFileStore';
import { QualityFileStore } from '../../../src/host/qualityFileStore';
import { record } from '../core/ledger/ledgerFixtures';

const NOV = new Date(2026, 10, 22, 12).getTime();
const DEC = new Date(2026, 11, 4, 8).getTime();
const sig = (ms: number, id: string): QualitySignal => ({ v: 1, time: new Date(ms).toISOString(), id, signal: 'edit-accepted' });

describe('QualityFileStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'triage-quality-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('appends one line per signal to its month file, beside a ledger that never reads them', async () => {
    const store = new QualityFileStore(path.join(dir, 'ledger'));
    const ledger = new LedgerFileStore(path.join(dir, 'ledger'));
    await ledger.append(record({ time: new Date(DEC).toISOString(), id: 'rec-0001' }));
    await store.append(sig(NOV, 'nov-0001'));
    await store.append(sig(DEC, 'dec-0001'));
    await store.append(sig(DEC + 1000, 'dec-0002'));
    assert.deepEqual((await fs.readdir(path.join(dir, 'ledger'))).sort(), ['ledger-2026-12.jsonl', 'quality-2026-11.jsonl', 'quality-2026-12.jsonl']);
    assert.deepEqual((await store.read()).signals.map((s) => s.id), ['nov-0001', 'dec-0001', 'dec-0002']);
    assert.deepEqual((await store.read(DEC)).signals.map((s) => s.id), ['dec-0001', 'dec-0002'], 'whole months from fromMs');
    const read = await ledger.read();
    assert.deepEqual([read.records.length, read.corruptLines], [1, 0]);
  });

  it('starts on a fresh line after a torn one, and skips and counts bad lines, keeping every other', async () => {
    const store = new QualityFileStore(dir);
    const file = path.join(dir, 'quality-2026-12.jsonl');
    await store.append(sig(DEC, 'good-0001'));
    await fs.appendFile(file, toQualityLine(sig(DEC, 'torn-0001')).slice(0, 25));
    await store.append(sig(DEC, 'good-0002'));
    await fs.appendFile(file, 'not json\n');
    const read = await store.read();
    assert.deepEqual(read.signals.map((s) => s.id), ['good-0001', 'good-0002']);
    assert.equal(read.skippedLines, 2);
  });

  it('reads nothing from a missing folder, and a big file in steps that end on line breaks', async () => {
    assert.deepEqual(await new QualityFileStore(path.join(dir, 'none')).read(), { signals: [], skippedLines: 0 });
    let pauses = 0;
    const store = new QualityFileStore(dir, () => {
      pauses++;
      return Promise.resolve();
    });
    const lines = Array.from({ length: 3000 }, (_, i) => toQualityLine(sig(DEC, `many-${String(i).padStart(5, '0')}`))).join('');
    await fs.writeFile(path.join(dir, 'quality-2026-12.jsonl'), lines);
    const read = await store.read();
    assert.equal(read.signals.length, 3000);
    assert.equal(read.skippedLines, 0);
    assert.ok(pauses >= 1, `paused ${pauses} times`);
  });
});
