// The ledger CSV: header, quoting, spreadsheet-formula guard, and the chunked form a big export is written in.

import { strict as assert } from 'node:assert';
import { ledgerCsvChunks, ledgerToCsv, microsToUsd } from '../../../../src/core/ledger/ledgerCsv';
import { record } from './ledgerFixtures';

describe('ledgerCsv', () => {
  it('writes a header and one CRLF row per record, money as exact dollars', () => {
    const csv = ledgerToCsv([record({ costMicros: 1_234_567 }), record({ costMicros: 5 })]);
    const rows = csv.split('\r\n');
    assert.equal(rows.length, 4);
    assert.ok(rows[0].startsWith('time,kind,pool,'));
    assert.ok(rows[1].includes(',1.234567,'));
    assert.ok(rows[2].includes(',0.000005,'));
    assert.equal(rows[3], '');
    assert.equal(microsToUsd(-1_500_000), '-1.500000');
  });

  it('yields the same text in bounded pieces, so a big export is never built in one block', () => {
    const records = Array.from({ length: 25 }, (_, i) => record({ costMicros: i }));
    const chunks = [...ledgerCsvChunks(records, 10)];
    assert.equal(chunks.length, 4, 'header, then 10 + 10 + 5 rows');
    assert.equal(chunks[3].split('\r\n').length - 1, 5);
    assert.equal(chunks.join(''), ledgerToCsv(records));
  });

  it('quotes fields with commas or quotes and guards formula-looking text', () => {
    const csv = ledgerToCsv([record({ servedBy: '=cmd,"x"' })]);
    assert.ok(csv.includes(`"'=cmd,""x"""`));
  });
});
