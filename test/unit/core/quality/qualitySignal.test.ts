// Quality signal lines: written whole, read back validated with the ledger's torn-line rules, never more than ids and pools.

import { strict as assert } from 'node:assert';
import { parseLedgerLine, toLedgerLine } from '../../../../src/core/ledger/ledgerLines';
import { parseQualityLine, parseQualityText, qualityFileMonth, qualityFileName, toQualityLine } from '../../../../src/core/quality/qualitySignal';
import type { QualitySignal } from '../../../../src/core/quality/qualitySignal';
import { record } from '../ledger/ledgerFixtures';

const signal = (overrides: Partial<QualitySignal> = {}): QualitySignal => ({ v: 1, time: '2026-12-04T07:00:00.000Z', id: 'mip1x2-abcdefgh', signal: 'edit-accepted', ...overrides });

describe('quality signal lines', () => {
  it('round-trips a signal as one line, and a pool override with its pools', () => {
    const line = toQualityLine(signal());
    assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'));
    assert.deepEqual(parseQualityLine(line), signal());
    const override = signal({ signal: 'pool-override', from: 'quick', to: 'coding', demo: true });
    assert.deepEqual(parseQualityLine(toQualityLine(override)), override);
  });

  it('rejects lines that are not well-formed v1 signals', () => {
    const bad: unknown[] = [
      { ...signal(), v: 2 },
      { ...signal(), time: 'yesterday' },
      { ...signal(), id: 'has spaces in it' },
      { ...signal(), id: 'x' },
      { ...signal(), signal: 'edit-loved' },
      { ...signal(), signal: 'pool-override' },
      { ...signal(), signal: 'pool-override', from: 'quick', to: 'premium' },
      { ...signal(), from: 'quick', to: 'coding' },
      { ...signal(), demo: false },
    ];
    for (const value of bad) assert.equal(parseQualityLine(JSON.stringify(value)), undefined, JSON.stringify(value));
    assert.equal(parseQualityLine('{"v":1,'), undefined);
  });

  it('keeps only the known fields of a line (a hand-added text field never reaches a view)', () => {
    const parsed = parseQualityLine(JSON.stringify({ ...signal(), prompt: 'SECRET PROMPT' }));
    assert.deepEqual(parsed, signal());
  });

  it('counts corrupt and torn lines, salvages a signal appended onto a torn line, and keeps every other line', () => {
    const a = toQualityLine(signal({ id: 'aaaa-1' }));
    const b = toQualityLine(signal({ id: 'bbbb-2' }));
    const torn = toQualityLine(signal({ id: 'torn-3' })).slice(0, 30);
    const text = `${a}garbage\n${torn}${b}\n${toQualityLine(signal({ id: 'cccc-4' })).slice(0, 20)}`;
    const parsed = parseQualityText(text);
    assert.deepEqual(parsed.signals.map((s) => s.id), ['aaaa-1', 'bbbb-2']);
    assert.equal(parsed.corruptLines, 2);
    assert.equal(parsed.truncatedLines, 1);
  });

  it("round-trips the request a signal carries, and rejects a line whose request is malformed", () => {
    const req = { time: '2026-12-04T06:59:00.000Z', pool: 'coding' as const, model: 'vscode-lm:copilot/gpt-6', experiment: { id: 'cheap-coding', arm: 'alternative' as const } };
    assert.deepEqual(parseQualityLine(toQualityLine(signal({ req }))), signal({ req }));
    for (const bad of [
      { ...req, pool: 'fallback' },
      { ...req, time: 'yesterday' },
      { ...req, model: 'has space' },
      { ...req, model: '' },
      { ...req, experiment: { id: 'x', arm: 'both' } },
      { ...req, experiment: { id: '../x', arm: 'control' } },
      'coding',
    ]) {
      assert.equal(parseQualityLine(JSON.stringify({ ...signal(), req: bad })), undefined, JSON.stringify(bad));
    }
    const extra = parseQualityLine(JSON.stringify({ ...signal(), req: { ...req, prompt: 'secret text' } }));
    assert.deepEqual(extra?.req, req, 'only the known fields of the request are kept');
  });

  it('names monthly files apart from the ledger files', () => {
    const ms = new Date(2026, 11, 4, 8).getTime();
    assert.equal(qualityFileName(ms), 'quality-2026-12.jsonl');
    assert.equal(qualityFileMonth('quality-2026-12.jsonl'), '2026-12');
    assert.equal(qualityFileMonth('ledger-2026-12.jsonl'), undefined);
  });
});

describe('ledger record id', () => {
  it('is read back when well-formed, and a malformed id makes the line invalid as any bad field does', () => {
    assert.equal(parseLedgerLine(toLedgerLine(record({ id: 'mip1x2-abcdefgh' })))?.id, 'mip1x2-abcdefgh');
    assert.equal(parseLedgerLine(toLedgerLine(record()))?.id, undefined, 'records written before ids still count');
    assert.equal(parseLedgerLine(toLedgerLine(record({ id: 'no spaces allowed' }))), undefined);
  });
});
