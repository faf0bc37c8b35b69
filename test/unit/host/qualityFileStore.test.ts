// The quality signal files on a real temp folder: beside the ledger, one line per signal, torn lines, months.

import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { toQualityLine } from '../../../src/core/quality/qualitySignal';
import type { QualitySignal } from '../../../src/core/quality/qualitySignal';
import { LedgerFileStore } from '../../../src/host/ledgerFileStore';
import { QualityFileStore } from '../../../src/host/qualityFileStore';
import { QualityTalliesReader } from '../../../src/host/qualityTallies';
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
    assert.deepEqual(await new QualityFileStore(path.join(dir, 'none')).read(), { signals: [], skippedLines: 0, version: '' });
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

  it('parses an unchanged file once, and an appended or rewritten one again; the panel counts again only then', async () => {
    const store = new QualityFileStore(dir, () => Promise.resolve());
    const req = { time: new Date(DEC - 60_000).toISOString(), pool: 'quick' as const, model: 'deepseek:deepseek-flash' };
    await store.append({ ...sig(DEC, 'dec-0001'), req });
    const reader = new QualityTalliesReader(store, () => Promise.resolve());
    const first = await reader.read(DEC - 86_400_000, DEC - 86_400_000, false);
    const again = await reader.read(DEC - 86_400_000, DEC - 86_400_000, false);
    assert.equal(again, first, 'nothing changed: the same tallies, not counted again');
    assert.equal(first.models.get('deepseek:deepseek-flash')?.accepted, 1);
    const v1 = (await store.read()).version;
    assert.equal((await store.read()).version, v1);
    await store.append({ ...sig(DEC + 1000, 'dec-0002'), signal: 'edit-rejected', req });
    const v2 = (await store.read()).version;
    assert.notEqual(v2, v1);
    const after = await reader.read(DEC - 86_400_000, DEC - 86_400_000, false);
    assert.notEqual(after, first);
    assert.deepEqual(after.models.get('deepseek:deepseek-flash'), { judged: 2, accepted: 1, retried: 0 });
    // Another range is counted afresh from the same signals.
    assert.equal((await reader.read(null, DEC + 86_400_000, false)).models.size, 0);
    // A file rewritten to the same size is read again (its change time moved).
    const file = path.join(dir, 'quality-2026-12.jsonl');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('dec-0002', 'dec-0003'));
    await fs.utimes(file, new Date(), new Date(Date.now() + 5000));
    assert.deepEqual((await store.read()).signals.map((s) => s.id), ['dec-0001', 'dec-0003']);
  });

  it('counts another range from the signals already folded, without reading the files again', async () => {
    const store = new QualityFileStore(dir, () => Promise.resolve());
    const req = { time: new Date(DEC - 60_000).toISOString(), pool: 'quick' as const, model: 'deepseek:deepseek-flash' };
    await store.append({ ...sig(DEC, 'dec-0101'), req });
    let batches = 0;
    const counting = {
      version: (from: number | null) => store.version(from),
      batches(file: Parameters<QualityFileStore['batches']>[0]) {
        batches++;
        return store.batches(file);
      },
    };
    const reader = new QualityTalliesReader(counting, () => Promise.resolve());
    const week = await reader.read(DEC - 86_400_000, DEC - 86_400_000, false);
    const later = await reader.read(DEC - 86_400_000, DEC + 86_400_000, false);
    assert.equal(week.models.get('deepseek:deepseek-flash')?.accepted, 1);
    assert.equal(later.models.size, 0, 'the request is before this range');
    assert.equal(batches, 1, 'the file was read once for both ranges');
    await store.append({ ...sig(DEC + 1000, 'dec-0102'), req });
    assert.equal((await reader.read(DEC - 86_400_000, DEC - 86_400_000, false)).models.get('deepseek:deepseek-flash')?.judged, 2);
    assert.equal(batches, 2, 'a new signal is read');
  });
});
