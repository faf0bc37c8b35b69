// UI: the spend panel renders charts and the requests made so far.
import * as assert from 'node:assert/strict';
import { runCommand, screenshot, spendPanel } from './uiContext';

describe('spend panel (UI)', () => {
  it('renders totals, charts and the recent requests', async () => {
    await runCommand('Triage: Show Spend');
    const panel = spendPanel();
    const recent = panel.getByTestId('recent-table');
    await recent.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    assert.ok((await recent.locator('tbody tr').count()) >= 2, 'the chat requests are listed');
    assert.match(await panel.getByTestId('total-cost').innerText(), /\$/);
    assert.match(await panel.getByTestId('saved').innerText(), /%/);
    for (const chart of ['chart-by-day', 'chart-by-model', 'chart-by-kind']) {
      assert.ok((await panel.getByTestId(chart).locator('svg rect').count()) > 0, `${chart} draws bars`);
    }
    await panel.getByTestId('range-picker').selectOption('all');
    await recent.locator('tbody tr').first().waitFor();
    await screenshot('spend-panel');
  });
});
