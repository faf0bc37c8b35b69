// UI: an invalid pool setting in the user's settings.json shows a message naming the setting, and Triage
// keeps answering with the defaults for that pool.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { notification, openChatView, reloadWindow, runCommand, screenshot, sendChat, ui } from './uiContext';

// code-server does not watch settings.json for outside writes, so the window is reloaded to read it, as after an edit.
async function writeSettingsAndReload(text: string): Promise<void> {
  fs.writeFileSync(ui.userSettingsFile, text);
  await reloadWindow();
}

describe('invalid settings (UI)', () => {
  let original = '';
  before(() => {
    original = fs.readFileSync(ui.userSettingsFile, 'utf8');
  });
  after(async () => {
    await writeSettingsAndReload(original);
  });

  it('names the bad setting and keeps routing', async () => {
    const settings = JSON.parse(original);
    settings['triage.pools'] = { coding: ['gpt5 without a provider'], quick: 'not a list' };
    await writeSettingsAndReload(JSON.stringify(settings, null, 2));
    const message = await notification('triage.pools');
    assert.match(await message.innerText(), /triage\.pools\.(coding|quick)/);
    await screenshot('invalid-setting');
    await runCommand('Triage: Show Pools');
    await ui.page.locator('.editor-instance .view-line', { hasText: 'Settings problems' }).first().waitFor({ timeout: 30_000 });
    const frame = await openChatView();
    await frame.getByTestId('pool-picker').selectOption('coding');
    const answer = await sendChat(frame, 'Write a function that reverses a linked list.');
    await frame.getByTestId('pool-picker').selectOption('auto');
    assert.equal(await answer.getAttribute('data-state'), 'done');
    assert.match(await answer.getByTestId('answer-meta').innerText(), /coding/, 'the coding pool still answers, with its defaults');
  });
});
