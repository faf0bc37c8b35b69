// The spend panel's health row: built from the last week whatever range is shown, in words, the alert's metric first;
// drawn with crossed limits marked and "too few requests" said plainly.
import * as assert from 'node:assert/strict';
import { DEFAULT_BUDGET } from '../../../src/core/budget/budgetSettings';
import { DEFAULT_HEALTH_SETTINGS } from '../../../src/core/health/healthSettings';
import type { LedgerRecord } from '../../../src/core/ledger/ledgerRecord';
import { buildSpendReport } from '../../../src/host/spendReport';
import { healthSection } from '../../../src/webview/spendSections';
import { record } from '../core/ledger/ledgerFixtures';
import { blankPage, byTestId } from '../webview/testDom';

const NOW = Date.parse('2026-11-22T15:00:00.000Z');
const HOUR = 3_600_000;
const many = (n: number, k: number, special: Partial<LedgerRecord>) =>
  Array.from({ length: n }, (_, i) => record({ time: new Date(NOW - (i + 1) * HOUR).toISOString(), ...(i < k ? special : {}) }));
const input = (records: readonly LedgerRecord[], extra: object = {}) => ({
  records,
  skippedLines: 0,
  range: 'today' as const,
  nowMs: NOW,
  budget: DEFAULT_BUDGET,
  baselineModel: 'anthropic:claude-opus-5-5',
  health: DEFAULT_HEALTH_SETTINGS,
  ...extra,
});

describe('spend panel health row', () => {
  it('reads the last 7 days even when the range is today, and marks the crossed limit', () => {
    const r = buildSpendReport(input(many(40, 20, { servedPool: 'reasoning' })));
    assert.ok(r.totals.requests < 40, 'the range is today');
    const h = r.health;
    assert.ok(h);
    assert.equal(h.requests, 40);
    assert.equal(h.tooFew, false);
    const premium = h.rows.find((x) => x.metric === 'premium-share');
    assert.deepEqual([premium?.value, premium?.limit, premium?.crossed], ['50%', '30%', true]);
    assert.equal(premium?.text, '50% of answers came from the reasoning pool (limit 30%) over the last 40 requests');
    const cost = h.rows.find((x) => x.metric === 'cost-per-request');
    assert.deepEqual([cost?.value, cost?.limit, cost?.crossed], ['$0.0005', '$0.050', false]);
  });

  it('puts the metric an alert opened the panel for first', () => {
    const h = buildSpendReport(input(many(40, 20, { latencyMs: 30_000 }), { healthFocus: 'p95-latency' })).health;
    assert.equal(h?.rows[0]?.metric, 'p95-latency');
    assert.equal(h?.focus, 'p95-latency');
  });

  it('has no health row without thresholds', () => {
    const { health: _drop, ...rest } = input([]);
    assert.equal(buildSpendReport(rest).health, undefined);
  });

  it('draws crossed limits with their sentence, and says when there are too few requests', () => {
    const { document } = blankPage();
    const h = buildSpendReport(input(many(40, 20, { servedPool: 'reasoning' }), { healthFocus: 'premium-share' })).health!;
    const root = healthSection(document, h);
    const premium = byTestId(root, 'health-premium-share')[0]!;
    assert.equal(premium.getAttribute('data-crossed'), 'true');
    assert.match(premium.className, /crossed/);
    assert.match(premium.className, /focused/);
    assert.match(premium.textContent ?? '', /50%.*limit 30%.*came from the reasoning pool/);
    assert.equal(byTestId(root, 'health-failure-rate')[0]!.getAttribute('data-crossed'), 'false');
    assert.match(root.textContent ?? '', /1 limit crossed over 40 requests/);
    const few = healthSection(document, buildSpendReport(input(many(3, 0, {}))).health!);
    assert.equal(byTestId(few, 'health-too-few')[0]!.textContent, 'Judged from 20 requests; 3 requests so far.');
    assert.equal(byTestId(few, 'health-premium-share').length, 0);
  });
});
