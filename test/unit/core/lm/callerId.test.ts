// The calling extension of an `lm` request: validated, then in the ledger line, the CSV, the spend panel and the status bar.
import * as assert from 'node:assert/strict';
import { DEFAULT_BUDGET } from '../../../../src/core/budget/budgetSettings';
import { ledgerToCsv } from '../../../../src/core/ledger/ledgerCsv';
import { parseLedgerLine, toLedgerLine } from '../../../../src/core/ledger/ledgerLines';
import { recordFromResult } from '../../../../src/core/ledger/recordFromResult';
import { validCallerId } from '../../../../src/core/lm/callerId';
import type { RouteResult } from '../../../../src/core/routeTypes';
import { buildSpendReport } from '../../../../src/host/spendReport';
import { lastRequestText, lastRequestTooltip } from '../../../../src/host/statusBarText';
import { record } from '../ledger/ledgerFixtures';

const result: RouteResult = {
  text: 'hi',
  classification: { pool: 'quick', probabilities: { local: 0, quick: 1, coding: 0, reasoning: 0 }, confidence: 1, reason: 'quick pool chosen by you', source: 'user', sensitive: false },
  attempts: [{ model: 'openai:gpt-6-luna', pool: 'quick', outcome: 'ok', ms: 10, costMicros: 120, unpriced: false }],
  servedBy: 'openai:gpt-6-luna',
  servedPool: 'quick',
  usage: { inputTokens: 10, cachedInputTokens: 0, outputTokens: 5 },
  costMicros: 120,
  unpriced: false,
  baselineMicros: 900,
  outcome: 'ok',
  latencyMs: 10,
  escalated: false,
  budgetDowngraded: false,
  notices: [],
};
const context = { kind: 'lm' as const, startedAt: Date.parse('2026-12-03T22:00:00Z'), classifierMode: 'embedded', baselineModel: 'anthropic:claude-opus-5-5' };

describe('lm caller id', () => {
  it('accepts publisher.name ids and nothing else', () => {
    assert.equal(validCallerId('github.copilot-chat'), 'github.copilot-chat');
    assert.equal(validCallerId('triage-dev.lm_test'), 'triage-dev.lm_test');
    for (const bad of ['', 'copilot', '.x', 'a.b c', 'a.b\n', '<script>.x', 7, undefined, `a.${'b'.repeat(200)}`]) {
      assert.equal(validCallerId(bad), undefined, String(bad));
    }
  });

  it('is recorded on the ledger line when well-formed, left out when not', () => {
    const line = toLedgerLine(recordFromResult(result, { ...context, caller: 'github.copilot-chat' }));
    assert.equal(parseLedgerLine(line)?.caller, 'github.copilot-chat');
    assert.equal(parseLedgerLine(line)?.kind, 'lm');
    assert.equal('caller' in recordFromResult(result, { ...context, caller: 'not an id' }), false);
  });

  it('drops a malformed caller of a hand-edited line but keeps the record', () => {
    const line = JSON.stringify({ ...record({ kind: 'lm' }), caller: '=HYPERLINK("x")' });
    const parsed = parseLedgerLine(line);
    assert.equal(parsed?.costMicros, 450);
    assert.equal(parsed && 'caller' in parsed, false);
  });

  it('is the last CSV column and is named in the spend panel row', () => {
    const r = record({ kind: 'lm', caller: 'github.copilot-chat' });
    assert.ok(ledgerToCsv([r]).split('\r\n')[1]!.endsWith(',deepseek:deepseek-flash:ok,github.copilot-chat'));
    const report = buildSpendReport({ records: [r], skippedLines: 0, range: 'all', nowMs: Date.parse(r.time), budget: DEFAULT_BUDGET, baselineModel: r.baselineModel });
    assert.equal(report.recent[0]?.caller, 'github.copilot-chat');
    assert.equal(report.recent[0]?.kind, 'lm');
  });

  it('marks an lm request in the status bar, with its caller in the tooltip', () => {
    assert.equal(lastRequestText(result, { kind: 'lm', caller: 'github.copilot-chat' }), 'lm: quick · gpt-6-luna · $0.0001');
    assert.equal(lastRequestText(result, { kind: 'chat' }), 'quick · gpt-6-luna · $0.0001');
    assert.match(lastRequestTooltip(result, 120, false, { kind: 'lm', caller: 'github.copilot-chat' }), /language model API by github\.copilot-chat/);
  });
});
