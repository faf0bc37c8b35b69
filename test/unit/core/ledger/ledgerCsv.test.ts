// The CSV export: header and columns, exact money, quoting of awkward fields, and the spreadsheet formula guard.

import * as assert from 'node:assert/strict';
import { ledgerCsvChunks, ledgerToCsv, microsToUsd } from '../../../../src/core/ledger/ledgerCsv';
import { record } from './ledgerFixtures';

const HEADER =
  'time,kind,pool,confidence,classifier_source,served_by,served_pool,outcome,escalated,budget_downgraded,sensitive,' +
  'input_tokens,cached_input_tokens,output_tokens,cost_usd,unpriced,baseline_model,baseline_usd,latency_ms,ttft_ms,demo,user_retry,usage_estimated,response_cache,cache_saved_usd,attempts,caller';

function rows(csv: string): string[] {
  assert.ok(csv.endsWith('\r\n'), 'ends with CRLF');
  return csv.slice(0, -2).split('\r\n');
}

describe('ledgerToCsv', () => {
  it('writes the header alone for no records', () => {
    assert.equal(ledgerToCsv([]), `${HEADER}\r\n`);
  });

  it('writes one row per record in column order, CRLF line ends', () => {
    const csv = ledgerToCsv([record(), record({ ttftMs: null, servedBy: null, servedPool: null, outcome: 'failed', escalated: true, budgetDowngraded: true, sensitive: true, unpriced: true, estimated: true, demo: true, retry: 'stronger' })]);
    const [header, first, second] = rows(csv);
    assert.equal(header, HEADER);
    assert.equal(
      first,
      '2026-11-22T12:00:00.000Z,chat,quick,0.900,embedded,deepseek:deepseek-flash,quick,ok,false,false,false,1000,0,500,0.000450,false,anthropic:claude-opus-5-5,0.014000,900,300,false,,false,,,deepseek:deepseek-flash:ok,',
    );
    assert.equal(
      second,
      '2026-11-22T12:00:00.000Z,chat,quick,0.900,embedded,,,failed,true,true,true,1000,0,500,0.000450,true,anthropic:claude-opus-5-5,0.014000,900,,true,stronger,true,,,deepseek:deepseek-flash:ok,',
    );
  });

  it('says which requests the response cache served and what each saved', () => {
    const [, exact, meaning] = rows(ledgerToCsv([record({ cache: 'hit', costMicros: 0, cacheSavedMicros: 12_345 }), record({ cache: 'meaning', costMicros: 0, cacheSavedMicros: 7 })]));
    assert.ok(exact!.endsWith(',false,hit,0.012345,deepseek:deepseek-flash:ok,'), exact);
    assert.ok(meaning!.endsWith(',false,meaning,0.000007,deepseek:deepseek-flash:ok,'), meaning);
  });

  it('joins attempts with " > " in order', () => {
    const a = record().attempts[0]!;
    const csv = ledgerToCsv([record({ attempts: [{ ...a, model: 'ollama:m', outcome: 'timeout' }, a] })]);
    assert.ok(rows(csv)[1]!.endsWith(',ollama:m:timeout > deepseek:deepseek-flash:ok,'));
  });

  it('quotes fields holding a comma, a quote, CR or LF, doubling quotes', () => {
    const line = (reasonField: string) => rows(ledgerToCsv([record({ baselineModel: reasonField })]))[1]!;
    assert.ok(line('a,b').includes(',"a,b",'));
    assert.ok(line('say "hi"').includes(',"say ""hi""",'));
    assert.ok(ledgerToCsv([record({ baselineModel: 'a\nb' })]).includes(',"a\nb",'));
    assert.ok(ledgerToCsv([record({ baselineModel: 'a\rb' })]).includes(',"a\rb",'));
    assert.ok(line('plain').includes(',plain,'), 'a plain field is not quoted');
  });

  it('prefixes a field a spreadsheet would run as a formula: = + - @ tab CR', () => {
    for (const lead of ['=', '+', '-', '@']) {
      assert.ok(ledgerToCsv([record({ baselineModel: `${lead}HYPERLINK(1)` })]).includes(`,'${lead}HYPERLINK(1),`), lead);
    }
    assert.ok(ledgerToCsv([record({ baselineModel: '\t=1+2' })]).includes(",'\t=1+2,"), 'tab');
    assert.ok(ledgerToCsv([record({ baselineModel: '\r=1+2' })]).includes(`,"'\r=1+2",`), 'CR (quoted too)');
    assert.ok(ledgerToCsv([record({ baselineModel: '=a,b' })]).includes(`,"'=a,b",`), 'guarded and quoted');
  });

  it('leaves negative numbers and text with a formula sign inside alone', () => {
    assert.ok(ledgerToCsv([record({ baselineModel: '-12' })]).includes(',-12,'));
    assert.ok(ledgerToCsv([record({ baselineModel: '-1.5' })]).includes(',-1.5,'));
    assert.ok(ledgerToCsv([record({ baselineModel: 'a=b' })]).includes(',a=b,'));
    assert.equal(rows(ledgerToCsv([record({ costMicros: -5 })]))[1]!.split(',')[14], '-0.000005');
  });
});

describe('microsToUsd', () => {
  it('writes exact dollars with six decimals, sign kept, fraction truncated', () => {
    assert.equal(microsToUsd(0), '0.000000');
    assert.equal(microsToUsd(1), '0.000001');
    assert.equal(microsToUsd(1_000_000), '1.000000');
    assert.equal(microsToUsd(12_345_678), '12.345678');
    assert.equal(microsToUsd(-1_500_000), '-1.500000');
    assert.equal(microsToUsd(2.9), '0.000002');
    assert.equal(microsToUsd(-0.5), '-0.000000');
  });
});

describe('ledgerCsvChunks', () => {
  it('yields the same text in bounded pieces, so a big export is never built in one block', () => {
    const records = Array.from({ length: 25 }, (_, i) => record({ costMicros: i }));
    const chunks = [...ledgerCsvChunks(records, 10)];
    assert.equal(chunks.length, 4, 'header, then 10 + 10 + 5 rows');
    assert.equal(chunks[3]!.split('\r\n').length - 1, 5);
    assert.equal(chunks.join(''), ledgerToCsv(records));
  });
});
