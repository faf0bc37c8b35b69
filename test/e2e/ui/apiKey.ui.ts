// UI: a key set through the command reaches the provider, and is never shown or written anywhere but SecretStorage.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { notification, openChatView, runCommand, sendChat, ui } from './uiContext';

const KEY = `sk-e2e-${createHash('sha256').update(String(process.pid)).digest('hex').slice(0, 32)}`;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('API keys (UI)', () => {
  it('uses a key set through Set API Key and never shows it', async () => {
    await runCommand('Triage: Set API Key…');
    const pick = ui.page.locator('.quick-input-list .monaco-list-row', { hasText: 'deepseek' }).first();
    await pick.waitFor();
    await pick.click();
    const input = ui.page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor();
    await input.fill(KEY);
    await ui.page.keyboard.press('Enter');
    await notification('API key for deepseek is set');

    const frame = await openChatView();
    await frame.getByTestId('pool-picker').selectOption('reasoning');
    // deepseek (first in the reasoning pool) is served by its own OpenAI-compatible fake in the UI suites.
    const before = ui.fakes.deepseek.requests.length;
    const answer = await sendChat(frame, 'Design a rate limiter for a distributed API gateway.');
    await frame.getByTestId('pool-picker').selectOption('auto');
    assert.equal(await answer.getAttribute('data-state'), 'done');
    const sent = ui.fakes.deepseek.requests.slice(before).find((r) => r.chat?.model === 'deepseek-v4-pro');
    assert.ok(sent, 'the reasoning pool (deepseek-v4-pro) was called');
    const digests = [`Bearer ${KEY}`, KEY].map((v) => createHash('sha256').update(v).digest('hex'));
    assert.ok(sent.authDigests.some((d) => digests.includes(d)), 'the request carried exactly the key that was set');

    const html = await ui.page.content();
    const chatHtml = await frame.locator('body').innerHTML();
    assert.ok(!html.includes(KEY) && !chatHtml.includes(KEY), 'the key is not in the workbench or the chat view');
    const leaks = [
      ...filesUnder(path.join(ui.dataDir, 'user-data', 'User', 'globalStorage')),
      ...filesUnder(path.join(ui.dataDir, 'user-data', 'logs')),
      ui.userSettingsFile,
    ].filter((f) => !/state\.vscdb/.test(f) && fs.readFileSync(f, 'latin1').includes(KEY));
    assert.deepEqual(leaks, [], 'the key is not in settings, the ledger or the logs');
  });
});
