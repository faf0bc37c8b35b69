// UI: a crossed health limit shows one notification that opens the spend panel at its reason, and the panel's
// health row marks it. The suites run in demo mode, so the demo requests are judged (and labelled so).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { notification, openChatView, reloadWindow, screenshot, sendChat, spendPanel, ui } from './uiContext';

// code-server does not watch settings.json for outside writes, so the window is reloaded to read it, as after an edit.
async function writeSettingsAndReload(text: string): Promise<void> {
  fs.writeFileSync(ui.userSettingsFile, text);
  await reloadWindow();
}

describe('health alerts (UI)', () => {
  let original = '';
  before(() => {
    original = fs.readFileSync(ui.userSettingsFile, 'utf8');
  });
  after(async () => {
    await writeSettingsAndReload(original);
  });

  it('notifies when p95 latency crosses its limit and opens the spend panel at the reason', async () => {
    const settings = JSON.parse(original);
    // A limit of 0 s that any answer crosses, judged from one request.
    settings['triage.health'] = { minRequests: 1, p95LatencySeconds: 0 };
    await writeSettingsAndReload(JSON.stringify(settings, null, 2));
    const frame = await openChatView();
    const answer = await sendChat(frame, 'What does HTTP 418 mean?');
    assert.equal(await answer.getAttribute('data-state'), 'done');
    const toast = await notification('Triage health (demo requests)');
    assert.match(await toast.innerText(), /the slowest 5% of answers took over \d+\.\d s \(limit 0\.0 s\) over the last \d+ requests/);
    await screenshot('health-alert');
    await toast.getByRole('button', { name: 'Show in Spend Panel' }).click();
    // The open panel may still show a report from before the click (crossed, not focused): wait for the focused one.
    const item = spendPanel().locator('[data-testid="health-p95-latency"].focused');
    await item.waitFor({ timeout: 30_000 });
    assert.equal(await item.getAttribute('data-crossed'), 'true');
    assert.match(await spendPanel().getByTestId('health').innerText(), /health \(last 7 days, demo requests\)/i);
    await screenshot('health-row');
  });
});
