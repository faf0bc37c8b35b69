// UI: an invalid pool setting, typed into settings.json as a user would, shows a message naming the setting,
// and Triage keeps answering.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { openChatView, runCommand, screenshot, sendChat, ui } from './uiContext';

// Replaces the whole user settings.json through the editor and saves it (VS Code then reloads the settings).
async function writeSettingsInEditor(text: string): Promise<void> {
  await runCommand('Preferences: Open User Settings (JSON)');
  const editor = ui.page.locator('.editor-instance .monaco-editor').first();
  await editor.waitFor();
  await editor.click();
  await ui.page.keyboard.press('Control+A');
  await ui.page.keyboard.insertText(text); // no auto-closing brackets, unlike typing
  await ui.page.keyboard.press('Control+S');
  await ui.page.waitForFunction(() => !document.querySelector('.tab.active.dirty'));
}

describe('invalid settings (UI)', () => {
  let original = '';
  before(() => {
    original = fs.readFileSync(ui.userSettingsFile, 'utf8');
  });
  after(async () => {
    await writeSettingsInEditor(original);
    await runCommand('View: Close All Editors');
  });

  it('names the bad setting and keeps routing', async () => {
    const settings = JSON.parse(original);
    settings['triage.pools'] = { coding: ['gpt5 without a provider'], quick: 'not a list' };
    await writeSettingsInEditor(JSON.stringify(settings, null, 2));
    const message = ui.page.locator('.notification-list-item', { hasText: 'triage.pools' }).first();
    await message.waitFor({ timeout: 30_000 });
    assert.match(await message.innerText(), /triage\.pools\.(coding|quick)/);
    await screenshot('invalid-setting');
    const frame = await openChatView();
    const answer = await sendChat(frame, 'Write a function that reverses a linked list.');
    assert.equal(await answer.getAttribute('data-state'), 'done');
  });
});
