// UI: the spend panel renders charts and the requests made so far. The suite makes its own two requests first, so it
// runs alone (TRIAGE_E2E_SUITE=spend) or after any other.
import * as assert from 'node:assert/strict';
import { openChatView, reloadWindow, runCommand, screenshot, sendChat, spendPanel, ui } from './uiContext';

describe('spend panel (UI)', () => {
  before(async () => {
    const frame = await openChatView();
    for (const question of ['Spend check: what is a closure?', 'Spend check: explain big-O notation briefly.']) {
      assert.equal(await (await sendChat(frame, question)).getAttribute('data-state'), 'done', question);
    }
  });

  it('renders totals, charts and the recent requests', async () => {
    await runCommand('Triage: Show Spend');
    const panel = spendPanel();
    const recent = panel.getByTestId('recent-table');
    await recent.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    assert.ok((await recent.locator('tbody tr').count()) >= 2, "this suite's two chat requests are listed");
    // The suites run in demo mode: the figures are the demo requests, labelled as never billed.
    assert.match(await panel.getByTestId('total-cost').innerText(), /^Spent \(demo, not billed\)\s*\$/i); // the card title is shown in capitals
    assert.match(await panel.getByTestId('demo-note').innerText(), /nothing was billed/);
    assert.match(await panel.getByTestId('stronger-retries').innerText(), /^asked stronger\s+[\d.]+%\s+\d+ retr(y|ies) you asked for$/i);
    assert.match(await panel.getByTestId('saved').innerText(), /%/);
    const barClasses = await panel.getByTestId('chart-by-model').locator('rect.bar').evaluateAll((rects) => rects.map((r) => r.getAttribute('class')));
    assert.ok(barClasses.length > 0 && barClasses.every((c) => /^bar pool-(local|quick|coding|reasoning)$/.test(c ?? '')), `bars in pool colours: ${barClasses.join(', ')}`);
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
    await reloadWindow();
    // Restored by the serializer, without running Show Spend again.
    assert.match(await spendPanel().getByTestId('total-cost').innerText({ timeout: 60_000 }), /\$/);
    await ui.page.locator('.tab', { hasText: 'Triage Spend' }).first().waitFor();
  });
});
