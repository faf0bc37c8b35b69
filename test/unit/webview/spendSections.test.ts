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

  it('labels demo figures as not billed, and names the requests of the other kind that are left out', () => {
    const demo = draw({ view: 'demo', other: { requests: 2, costMicros: 30_000 } });
    assert.match(byTestId(demo, 'total-cost')[0]!.textContent ?? '', /^Spent \(demo, not billed\)/);
    assert.match(byTestId(demo, 'demo-note')[0]!.textContent ?? '', /nothing was billed, and they count toward no budget/);
    assert.equal(byTestId(demo, 'other-view-note')[0]!.textContent, '2 real requests ($0.030) are not shown while demo mode is on.');
    const real = draw({ other: { requests: 1, costMicros: 4_000 } });
    assert.equal(byTestId(real, 'total-cost')[0]!.querySelector('.card-title')?.textContent, 'Spent');
    assert.equal(byTestId(real, 'demo-note').length, 0);
    assert.equal(byTestId(real, 'other-view-note')[0]!.textContent, '1 demo request ($0.0040, not billed) is left out of these figures.');
    assert.equal(byTestId(draw(), 'other-view-note').length, 0);
  });

  it('shows retries the user asked for apart from automatic escalations', () => {
    assert.match(byTestId(draw(), 'stronger-retries')[0]!.textContent ?? '', /^Asked stronger8\.3%1 retry you asked for$/);
    assert.match(byTestId(draw(), 'saved-by-cache')[0]!.textContent ?? '', /^Saved by cache\$0\.0034\s*2 answers served from the response cache$/);
  });

  it('colours model, kind and pool bars by their pool', () => {
    const root = draw();
    const classes = (id: string) => [...byTestId(root, id)[0]!.querySelectorAll('rect.bar')].map((r) => r.getAttribute('class'));
    assert.deepEqual(classes('chart-by-model'), ['bar pool-coding', 'bar pool-quick', 'bar pool-local']);
    assert.deepEqual(classes('chart-by-pool'), ['bar pool-coding', 'bar pool-local']);
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
