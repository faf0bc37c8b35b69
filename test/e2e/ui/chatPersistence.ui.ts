// UI: the chat conversation survives reloading the window (the host keeps it in workspace state, not the webview).
import * as assert from 'node:assert/strict';
import { openChatView, reloadWindow } from './uiContext';

describe('chat persistence (UI)', () => {
  it('shows the same conversation after a window reload', async () => {
    const before = await openChatView();
    const entries = before.getByTestId('entry');
    await entries.first().waitFor(); // the snapshot draws every entry at once
    const count = await entries.count();
    assert.ok(count >= 2, `earlier suites left a conversation (${count} entries)`);
    const firstText = await entries.first().innerText();
    await reloadWindow();
    const after = await openChatView();
    await after.getByTestId('entry').nth(count - 1).waitFor({ timeout: 30_000 });
    assert.equal(await after.getByTestId('entry').count(), count);
    assert.equal(await after.getByTestId('entry').first().innerText(), firstText);
  });
});
