// The ledger line format: one complete JSON line per record; corrupt and truncated lines skipped and counted.

import { strict as assert } from 'node:assert';
import { dayKey, ledgerFileMonth, ledgerFileName, monthKey, startOfDay } from '../../../../src/core/ledger/calendar';
import { parseLedgerLine, parseLedgerText, toLedgerLine } from '../../../../src/core/ledger/ledgerLines';
import { record } from './ledgerFixtures';

describe('ledger lines', () => {
  it('writes one line ending in a newline and reads it back', () => {
    const line = toLedgerLine(record());
    assert.equal(line.endsWith('\n'), true);
    assert.equal(line.indexOf('\n'), line.length - 1);
    assert.deepEqual(parseLedgerLine(line), record());
  });

  it('skips corrupt lines and a truncated tail, counting them, and keeps every good line', () => {
    const good = toLedgerLine(record());
    const text = [
      good,
      '{not json\n',
      toLedgerLine(record({ costMicros: 7 })),
      '\n',
      JSON.stringify({ ...record(), v: 2 }) + '\n',
      JSON.stringify({ ...record(), costMicros: 1.5 }) + '\n',
      JSON.stringify({ ...record(), pool: 'turbo' }) + '\n',
      good.slice(0, 40),
    ].join('');
    const parsed = parseLedgerText(text);
    assert.deepEqual(parsed.records.map((r) => r.costMicros), [450, 7]);
    assert.equal(parsed.corruptLines, 4);
    assert.equal(parsed.truncatedLines, 1);
  });

  it('recovers a record an older writer appended onto a torn line, counting the torn part as corrupt', () => {
    const torn = toLedgerLine(record({ costMicros: 7 })).slice(0, 70);
    const parsed = parseLedgerText(`${toLedgerLine(record())}${torn}${toLedgerLine(record({ costMicros: 20 }))}`);
    assert.deepEqual(parsed.records.map((r) => r.costMicros), [450, 20]);
    assert.equal(parsed.corruptLines, 1);
    assert.equal(parsed.truncatedLines, 0);
  });

  it('rejects records whose attempts are malformed', () => {
    const bad = { ...record(), attempts: [{ model: 'x', outcome: 'ok', costMicros: -1 }] };
    assert.equal(parseLedgerLine(JSON.stringify(bad)), undefined);
  });
});

describe('ledger line marks', () => {
  it('reads the demo and stronger-retry marks back, and rejects any other value for them', () => {
    const marked = record({ demo: true, retry: 'stronger' });
    assert.deepEqual(parseLedgerLine(JSON.stringify(marked)), marked);
    for (const demo of [false, 'yes', 1]) assert.equal(parseLedgerLine(JSON.stringify({ ...record(), demo })), undefined, String(demo));
    for (const retry of ['weaker', true, '']) assert.equal(parseLedgerLine(JSON.stringify({ ...record(), retry })), undefined, String(retry));
  });

  it('reads a cache hit and what it saved back, and rejects a malformed saving', () => {
    const hit = record({ cache: 'hit', cacheSavedMicros: 1234 });
    assert.deepEqual(parseLedgerLine(JSON.stringify(hit)), hit);
    for (const cacheSavedMicros of [-1, 1.5, '12']) assert.equal(parseLedgerLine(JSON.stringify({ ...hit, cacheSavedMicros })), undefined, String(cacheSavedMicros));
  });
});

describe('ledger line outcome', () => {
  it('accepts each known outcome and rejects any other or a missing one', () => {
    for (const outcome of ['ok', 'failed', 'cancelled'] as const) {
      assert.deepEqual(parseLedgerLine(JSON.stringify(record({ outcome }))), record({ outcome }), outcome);
    }
    for (const outcome of ['served', '', 'OK', 1, null]) {
      assert.equal(parseLedgerLine(JSON.stringify({ ...record(), outcome })), undefined, String(outcome));
    }
    const { outcome: _dropped, ...missing } = record();
    assert.equal(parseLedgerLine(JSON.stringify(missing)), undefined, 'missing');
  });
});

describe('ledger line fields the figures read', () => {
  // A line from another writer or a hand edit could miss these; read, they would be NaN in the experiment and health
  // latency figures and "undefined" in the CSV. Such a line is counted as corrupt (the panel says so) instead.
  const wrong: Readonly<Record<string, readonly unknown[]>> = {
    latencyMs: ['900', -1, null, Number.NaN, undefined],
    ttftMs: ['300', -1, undefined],
    confidence: ['0.9', null, undefined],
    reason: [7, null, undefined],
    sensitive: ['false', 0, undefined],
    unpriced: ['false', null, undefined],
    baselineModel: [null, 3, undefined],
    servedPool: ['turbo', undefined, 2],
  };
  for (const [field, values] of Object.entries(wrong)) {
    it(`rejects a line whose ${field} is missing or of the wrong type`, () => {
      for (const value of values) {
        const line = JSON.stringify({ ...record(), [field]: value });
        assert.equal(parseLedgerLine(line), undefined, `${field}: ${String(value)}`);
        assert.equal(parseLedgerText(`${line}\n`).corruptLines, 1);
      }
    });
  }

  it('rejects a classifier without its mode', () => {
    assert.equal(parseLedgerLine(JSON.stringify({ ...record(), classifier: { source: 'embedded' } })), undefined);
    assert.equal(parseLedgerLine(JSON.stringify({ ...record(), classifier: { mode: 1, source: 'embedded' } })), undefined);
  });

  it('accepts the edge values Triage writes: zero durations, no first token, no serving pool or the fallback', () => {
    for (const overrides of [
      { latencyMs: 0, ttftMs: 0 },
      { ttftMs: null },
      { servedPool: null, servedBy: null, outcome: 'failed' as const },
      { servedPool: 'fallback' as const },
      { servedPool: 'reasoning' as const, confidence: 0, sensitive: true, unpriced: true, reason: '' },
    ]) {
      assert.deepEqual(parseLedgerLine(JSON.stringify(record(overrides))), record(overrides), JSON.stringify(overrides));
    }
  });
});

describe('calendar', () => {
  const at = new Date(2026, 10, 5, 15, 30).getTime();

  it('names days and months in local time', () => {
    assert.equal(dayKey(at), '2026-11-05');
    assert.equal(monthKey(at), '2026-11');
    assert.equal(startOfDay(at), new Date(2026, 10, 5).getTime());
    assert.equal(startOfDay(at, 6), new Date(2026, 9, 30).getTime());
  });

  it('names one ledger file per month', () => {
    assert.equal(ledgerFileName(at), 'ledger-2026-11.jsonl');
    assert.equal(ledgerFileName(new Date(2026, 11, 31, 23, 59).getTime()), 'ledger-2026-12.jsonl');
    assert.equal(ledgerFileName(new Date(2027, 0, 1, 0, 0).getTime()), 'ledger-2027-01.jsonl');
    assert.equal(ledgerFileMonth('ledger-2026-11.jsonl'), '2026-11');
    assert.equal(ledgerFileMonth('ledger-2026-11.jsonl.bak'), undefined);
  });
});
