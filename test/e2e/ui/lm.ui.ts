// UI: a request through VS Code's language model API — another extension (the test vendor's command) asks Triage Auto —
// shows in the real workbench: the status bar names it `lm:` with pool, model and cost, the spend panel lists it as kind
// `lm` with the calling extension's id. The README's screenshots of Triage in VS Code's chat come from here.
import * as assert from 'node:assert/strict';
import { notification, runCommand, screenshot, spendPanel, statusBar } from './uiContext';

describe('Triage as a language model provider (UI)', () => {
  it('shows an lm request in the status bar and as an lm row of the spend panel', async () => {
    await runCommand('Triage e2e: Ask Triage Auto through vscode.lm');
    await notification('Triage Auto answered:');
    const item = statusBar().locator('.statusbar-item', { hasText: 'lm: ' }).first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await item.innerText()).trim(), /lm: (local|quick|coding|reasoning) · [\w.:-]+ · /);
    await screenshot('lm-status-bar');

    await runCommand('Triage: Show Spend');
    const panel = await spendPanel();
    const row = panel.getByTestId('recent-table').locator('tbody tr', { hasText: 'lm (triage-dev.triage-e2e-lm)' }).first();
    // The panel re-renders when a fresh report arrives, which can detach the row mid-scroll (seen on 1.104 in CI):
    // find it again and retry.
    for (let attempt = 0; ; attempt++) {
      await row.waitFor({ timeout: 30_000 });
      const scrolled = await row.scrollIntoViewIfNeeded({ timeout: 5_000 }).then(() => true, (error: unknown) => {
        if (attempt >= 4) throw error;
        return false;
      });
      if (scrolled) break;
    }
    await screenshot('lm-spend-panel');
  });
});
