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
    const panel = await spendPanel();
    const recent = panel.getByTestId('recent-table');
    await recent.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    assert.ok((await recent.locator('tbody tr').count()) >= 2, "this suite's two chat requests are listed");
    // The suites run in demo mode: the figures are the demo requests, labelled as never billed.
    assert.match(await panel.getByTestId('total-cost').innerText(), /^Spent \(demo, not billed\)\s*\$/i); // the card title is shown in capitals
    assert.match(await panel.getByTestId('demo-note').innerText(), /nothing was billed/);
    assert.match(await panel.getByTestId('stronger-retries').innerText(), /^asked stronger\s+[\d.]+%\s+\d+ retr(y|ies) you asked for$/i);
    assert.match(await panel.getByTestId('saved').innerText(), /%/);
    const byModel = panel.getByTestId('chart-by-model');
    const barClasses = await byModel.locator('rect.bar').evaluateAll((rects) => rects.map((r) => r.getAttribute('class')));
    // Past eight models (the extension-host suites' ledger lines are in this ledger too) the rest are one "other (N)"
    // row, which belongs to no pool; every model's own bar has its pool's colour.
    const plain = barClasses.filter((c) => c === 'bar').length;
    assert.ok(plain === 0 || (plain === 1 && /other \(\d+\)/.test(await byModel.evaluate((el) => el.textContent ?? ''))), `only the "other" row has no pool: ${barClasses.join(', ')}`);
    const coloured = barClasses.filter((c) => c !== 'bar');
    assert.ok(coloured.length > 0 && coloured.every((c) => /^bar pool-(local|quick|coding|reasoning)$/.test(c ?? '')), `bars in pool colours: ${barClasses.join(', ')}`);
    for (const chart of ['chart-by-day', 'chart-by-model', 'chart-by-kind']) {
      assert.ok((await panel.getByTestId(chart).locator('svg rect').count()) > 0, `${chart} draws bars`);
    }
    await panel.getByTestId('range-picker').selectOption('all');
    await recent.locator('tbody tr').first().waitFor();
    await screenshot('spend-panel');
  });

  it('comes back after a window reload, as VS Code\'s own panels do', async () => {
    await runCommand('Triage: Show Spend');
    await (await spendPanel()).getByTestId('total-cost').waitFor({ timeout: 30_000 });
    await reloadWindow();
    // Restored by the serializer, without running Show Spend again.
    assert.match(await (await spendPanel(60_000)).getByTestId('total-cost').innerText(), /\$/);
    await ui.page.locator('.tab', { hasText: 'Triage Spend' }).first().waitFor();
  });
});
