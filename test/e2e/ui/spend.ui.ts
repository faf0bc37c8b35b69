// UI: the spend panel renders charts and the requests made so far.
import * as assert from 'node:assert/strict';
import { runCommand, screenshot, spendPanel, statusBar, ui } from './uiContext';

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

  it('comes back after a window reload, as VS Code\'s own panels do', async () => {
    await runCommand('Triage: Show Spend');
    await spendPanel().getByTestId('total-cost').waitFor({ timeout: 30_000 });
    await runCommand('Developer: Reload Window');
    await ui.page.waitForEvent('load');
    await statusBar().locator('.statusbar-item', { hasText: 'today' }).first().waitFor({ timeout: 60_000 });
    // Restored by the serializer, without running Show Spend again.
    assert.match(await spendPanel().getByTestId('total-cost').innerText({ timeout: 60_000 }), /\$/);
    await ui.page.locator('.tab', { hasText: 'Triage Spend' }).first().waitFor();
  });
});
