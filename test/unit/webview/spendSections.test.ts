// The spend panel body: headline numbers, notes, accessible charts, gauges and the recent table.
import * as assert from 'node:assert/strict';
import { reportBody } from '../../../src/webview/spendSections';
import { report } from './fixtures';
import { blankPage, byTestId } from './testDom';

describe('webview/spendSections', () => {
  function draw(overrides: Parameters<typeof report>[0] = {}): HTMLElement {
    const { document } = blankPage();
    const root = document.createElement('div');
    root.append(...reportBody(document, report(overrides)));
    return root;
  }

  it('has every element the e2e tests use', () => {
    const root = draw();
    for (const id of ['total-cost', 'saved', 'chart-by-day', 'chart-by-model', 'chart-by-kind', 'chart-by-pool', 'recent-table']) {
      assert.equal(byTestId(root, id).length, 1, id);
    }
    assert.equal(byTestId(root, 'budget-gauge').length, 2);
  });

  it('headlines the total and the savings against the baseline', () => {
    const root = draw();
    assert.match(byTestId(root, 'total-cost')[0]!.textContent ?? '', /\$0\.250.*12 requests/);
    assert.match(byTestId(root, 'saved')[0]!.textContent ?? '', /\$0\.750 \(75%\).*vs \$1\.00 on anthropic:claude-opus/);
    assert.match(byTestId(root, 'escalation-rate')[0]!.textContent ?? '', /25%/);
    assert.match(byTestId(root, 'failure-rate')[0]!.textContent ?? '', /5%/);
  });

  it('notes skipped ledger lines and unpriced requests only when there are some', () => {
    const clean = draw();
    assert.equal(byTestId(clean, 'skipped-lines').length, 0);
    assert.equal(byTestId(clean, 'unpriced-note').length, 0);
    const messy = draw({ skippedLines: 3, totals: { ...report().totals, unpricedRequests: 1 } });
    assert.equal(byTestId(messy, 'skipped-lines')[0]!.textContent, '3 ledger lines could not be read and were skipped.');
    assert.match(byTestId(messy, 'unpriced-note')[0]!.textContent ?? '', /^1 request used a model with no known price/);
  });

  it('gives charts accessible text with the numbers', () => {
    const root = draw();
    const day = byTestId(root, 'chart-by-day')[0]!.querySelector('svg')!;
    assert.equal(day.getAttribute('role'), 'img');
    assert.match(day.getAttribute('aria-label') ?? '', /2026-11-21: \$0\.100 \(quick \$0\.010, coding \$0\.090\)/);
    assert.equal(day.querySelectorAll('rect').length, 5, 'one rect per non-zero pool segment');
    const model = byTestId(root, 'chart-by-model')[0]!.querySelector('svg')!;
    assert.match(model.getAttribute('aria-label') ?? '', /anthropic:claude-sonnet: \$0\.140, 5 requests; openai:gpt-mini: \$0\.060, 4 requests/);
    assert.equal(model.querySelectorAll('rect.bar').length, 3);
  });

  it('marks the warning threshold on budget gauges and flags state', () => {
    const gauges = byTestId(draw(), 'budget-gauge');
    assert.deepEqual(gauges.map((g) => g.dataset.state), ['ok', 'warn']);
    assert.match(gauges[0]!.textContent ?? '', /Today: \$0\.150 of \$1\.00 \(15%\), warning at 80%/);
    const warnLine = gauges[0]!.querySelector('line.gauge-mark');
    assert.equal(warnLine?.getAttribute('x1'), String(0.8 * 300));
  });

  it('lists recent requests with unknown prices flagged and escalations shown', () => {
    const table = byTestId(draw(), 'recent-table')[0]!;
    const rows = Array.from(table.querySelectorAll('tbody tr'));
    assert.equal(rows.length, 2);
    assert.match(rows[0]!.textContent ?? '', /ok, escalated/);
    assert.equal(rows[0]!.querySelector('td.model')?.getAttribute('title'), 'anthropic:claude-sonnet', 'the full model name on hover');
    const unpricedCell = rows[1]!.querySelector('td.unpriced');
    assert.equal(unpricedCell?.textContent, 'price unknown');
  });

  it('says so when a range has no requests', () => {
    const root = draw({ byDay: [], byModel: [], byKind: [], byPool: [], recent: [], budgets: [] });
    assert.match(byTestId(root, 'recent-table')[0]!.textContent ?? '', /No requests in this range\./);
    assert.match(byTestId(root, 'chart-by-model')[0]!.textContent ?? '', /No requests in this range\./);
    assert.match(root.textContent ?? '', /No budgets set\./);
  });
});
