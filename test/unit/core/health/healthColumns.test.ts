// The health window kept in columns: every field comes back as pushed, dropping and growing keep the order, and health
// read from the columns is health read from the records.

import * as assert from 'node:assert/strict';
import { HealthColumns } from '../../../../src/core/health/healthColumns';
import type { HealthRecord } from '../../../../src/core/health/healthColumns';
import { DEFAULT_HEALTH_THRESHOLDS, checkHealth, checkHealthInSteps } from '../../../../src/core/health/healthCheck';

const NOW = Date.parse('2026-11-22T18:00:00.000Z');
const outcomes = ['ok', 'failed', 'cancelled'] as const;
const pools = [null, 'local', 'quick', 'coding', 'reasoning', 'fallback'] as const;

function sample(i: number): HealthRecord {
  const r: HealthRecord = {
    time: new Date(NOW - (5000 - i) * 97_000).toISOString(),
    costMicros: (i * 7919) % 100_003,
    outcome: outcomes[i % 3]!,
    escalated: i % 4 === 1,
    servedPool: pools[i % 6]!,
    latencyMs: (i * 37) % 20_000 + 0.5,
  };
  return i % 5 === 0 ? { ...r, demo: true } : r;
}

describe('health columns', () => {
  it('gives back every field as pushed, demo included, across chunks', () => {
    const columns = new HealthColumns();
    const records = Array.from({ length: 10_000 }, (_, i) => sample(i));
    for (const r of records) columns.push(r);
    assert.equal(columns.length, 10_000);
    assert.ok(columns.parts.length >= 3, 'several chunks');
    assert.deepEqual(columns.records(), records);
  });

  it('drops the oldest across chunk boundaries and keeps order', () => {
    const columns = new HealthColumns();
    const records = Array.from({ length: 9000 }, (_, i) => sample(i));
    for (const r of records.slice(0, 5000)) columns.push(r);
    columns.drop(4500); // past the first chunk's end
    for (const r of records.slice(5000)) columns.push(r);
    assert.equal(columns.length, 4500);
    assert.deepEqual(columns.records(), records.slice(4500));
    columns.drop(100_000);
    assert.equal(columns.length, 0);
    columns.push(records[0]!);
    assert.deepEqual(columns.records(), [records[0]]);
  });

  it('drops a whole number of records: none for NaN or less than one, a fraction rounded down', () => {
    const records = Array.from({ length: 6 }, (_, i) => sample(i));
    const columns = HealthColumns.of(records);
    columns.drop(Number.NaN);
    columns.drop(-2);
    columns.drop(0.9);
    assert.equal(columns.length, 6);
    columns.drop(2.7);
    assert.equal(columns.length, 4);
    assert.deepEqual(columns.records(), records.slice(2));
  });

  it('reads a pool it does not know (a hand-edited line) as none, and the other fields as written', () => {
    const columns = new HealthColumns();
    const written = { ...sample(2), servedPool: 'premium' } as unknown as HealthRecord;
    columns.push(written);
    columns.push({ ...sample(2), servedPool: undefined } as unknown as HealthRecord);
    const [a, b] = columns.records();
    assert.deepEqual(a, { ...written, servedPool: null });
    assert.deepEqual(b, { ...written, servedPool: null });
  });

  it('counts the oldest records before a time, and tells whether any is', () => {
    const records = Array.from({ length: 6000 }, (_, i) => sample(i));
    const columns = new HealthColumns();
    for (const r of records) columns.push(r);
    const cut = Date.parse(records[4321]!.time);
    assert.equal(columns.countBefore(cut), 4321);
    assert.equal(columns.anyBefore(cut), true);
    assert.equal(columns.anyBefore(Date.parse(records[0]!.time)), false);
    assert.equal(columns.anyBefore(Date.parse(records[1]!.time)), true, 'one record, in the first chunk only');
    columns.drop(4321);
    assert.equal(columns.countBefore(cut), 0);
  });

  it('a concatenation shares the chunks: pushes to either afterwards leave the other as it was', () => {
    const records = Array.from({ length: 20 }, (_, i) => sample(i));
    const a = new HealthColumns();
    for (const r of records.slice(0, 5)) a.push(r);
    a.drop(2);
    const b = HealthColumns.of(records.slice(5, 10));
    const both = HealthColumns.concat([a, b]);
    assert.deepEqual(both.records(), records.slice(2, 10));
    assert.equal(both.length, 8);
    a.push(records[10]!); // into the chunk `both` shares
    both.push(records[11]!);
    a.push(records[12]!);
    assert.deepEqual(a.records(), [...records.slice(2, 5), records[10], records[12]]);
    assert.deepEqual(both.records(), [...records.slice(2, 10), records[11]]);
    assert.equal(HealthColumns.concat([]).length, 0);
    assert.equal(HealthColumns.of([]).length, 0);
  });

  it('two copies ending in the same chunk: the second to push starts a chunk of its own', () => {
    const records = Array.from({ length: 6 }, (_, i) => sample(i));
    const a = new HealthColumns();
    for (const r of records.slice(0, 3)) a.push(r);
    const copy = HealthColumns.concat([a]); // both end in a's chunk, at its last record
    a.push(records[3]!); // into the shared chunk
    copy.push(records[4]!); // must not take the place a's record holds
    a.push(records[5]!);
    assert.deepEqual(a.records(), [records[0], records[1], records[2], records[3], records[5]]);
    assert.deepEqual(copy.records(), [records[0], records[1], records[2], records[4]]);
  });

  it('health from the columns is health from the records, at once and in steps', async () => {
    const records = Array.from({ length: 5000 }, (_, i) => sample(i));
    // Blocks read backwards and appended records, as the store builds them.
    const columns = HealthColumns.concat([HealthColumns.of(records.slice(0, 1200)), HealthColumns.of(records.slice(1200, 2500))]);
    for (const r of records.slice(2500)) columns.push(r);
    const window = { days: 7, minRequests: 20 };
    for (const demo of [false, true]) {
      const expected = checkHealth(records, NOW, DEFAULT_HEALTH_THRESHOLDS, window, demo);
      assert.ok(expected.requests > 100 && expected.readings.every((r) => r.sample > 0), 'the sample reaches every reading');
      assert.deepEqual(checkHealth(columns, NOW, DEFAULT_HEALTH_THRESHOLDS, window, demo), expected);
      assert.deepEqual(await checkHealthInSteps(columns, NOW, DEFAULT_HEALTH_THRESHOLDS, window, demo, async () => undefined, 300), expected);
    }
  });
});
