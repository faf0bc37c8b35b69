// The unseen test set stays unseen: valid records, no duplicates, no text or source shared with any training file
// or with what the trainer actually reads (readTrainingExtras).

import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES, readLabelledFile, readTrainingExtras, sourceGroup } from '../../../src/cli/dataset';

const POOLS = new Set(['local', 'quick', 'coding', 'reasoning']);
const KINDS = new Set(['chat', 'edit', 'review']);

interface RawRecord {
  id: string;
  kind: string;
  text: string;
  selection?: string;
  label: string;
  source: string;
}

function rawLines(path: string): RawRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as RawRecord);
}

// Whitespace and case are normalised so a re-indented or re-cased copy still counts as the same text.
function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

function prefix(source: string): string {
  return source.split(':')[0];
}

function trainingFiles(): string[] {
  const dir = 'bench/data/train';
  const written = readdirSync(dir)
    .filter((f) => /^written-.*\.jsonl$/.test(f))
    .map((f) => join(dir, f));
  const shared = '../shared/data/route-dev.jsonl';
  return [DATA_FILES.dev, DATA_FILES.extra, ...written, ...(existsSync(shared) ? [shared] : [])];
}

describe('route-public data (unseen test set)', () => {
  const records = rawLines(DATA_FILES.public);
  // Every written-* file on disk, plus whatever the trainer reads (in case it reads a file not named written-*).
  const training: { text: string; source: string }[] = [...trainingFiles().flatMap(rawLines), ...readTrainingExtras(true)];

  it('parses through the dataset reader with a known kind and label for every record', () => {
    assert.equal(readLabelledFile(DATA_FILES.public).length, records.length);
    for (const r of records) {
      assert.match(r.id, /^pub-\d{4}$/, r.id);
      assert.ok(KINDS.has(r.kind), `${r.id}: kind ${r.kind}`);
      assert.ok(POOLS.has(r.label), `${r.id}: label ${r.label}`);
      assert.ok(r.text.trim().length > 0, `${r.id}: empty text`);
      assert.match(r.source, /^[^:\s]+:.+/, `${r.id}: source ${r.source}`);
      if (r.kind === 'edit') assert.ok(typeof r.selection === 'string' && r.selection.length > 0, `${r.id}: edit without selection`);
    }
  });

  it('has no duplicate ids and no duplicate texts', () => {
    const ids = new Set<string>();
    const texts = new Set<string>();
    for (const r of records) {
      assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
      ids.add(r.id);
      const key = norm(r.text) + '\u0000' + norm(r.selection ?? '');
      assert.ok(!texts.has(key), `duplicate text at ${r.id}`);
      texts.add(key);
    }
  });

  it('shares no text with any training file', () => {
    const seen = new Set(training.map((r) => norm(r.text)));
    const clashes = records.filter((r) => seen.has(norm(r.text))).map((r) => r.id);
    assert.deepEqual(clashes, []);
  });

  it('shares no source prefix with any training file', () => {
    const trainPrefixes = new Set(training.flatMap((r) => [prefix(r.source), sourceGroup(r.source)]));
    const clashes = [...new Set(records.flatMap((r) => [prefix(r.source), sourceGroup(r.source)]))].filter((p) => trainPrefixes.has(p));
    assert.deepEqual(clashes, []);
  });
});
