// UI: Triage's status bar item is visible in the real workbench with today's spend.
import * as assert from 'node:assert/strict';
import { screenshot, statusBar, ui } from './uiContext';

describe('status bar (UI)', () => {
  it("shows Triage's item with today's spend", async () => {
    const item = statusBar().locator('.statusbar-item', { hasText: 'Triage' });
    await item.first().waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await item.first().innerText()).trim();
    assert.match(text, /Triage \$[\d.]+ today/);
    await screenshot('status-bar');
    assert.ok(ui.page.url().includes('127.0.0.1'));
  });
});
