// UI: the chat conversation survives reloading the window (the host keeps it in workspace state, not the webview).
// The suite asks its own questions first, so it runs alone (TRIAGE_E2E_SUITE=chatPersistence) or after any other.
import * as assert from 'node:assert/strict';
import { openChatView, reloadWindow, sendChat } from './uiContext';

describe('chat persistence (UI)', () => {
  it('shows the same conversation after a window reload', async () => {
    const before = await openChatView();
    const first = await sendChat(before, 'Persistence check: what does a hash map do?');
    const last = await sendChat(before, 'Persistence check: and a linked list?');
    assert.equal(await last.getAttribute('data-state'), 'done');
    const entries = before.getByTestId('entry');
    const count = await entries.count();
    assert.ok(count >= 4, `this suite's two questions and answers are shown (${count} entries)`);
    const firstText = await entries.first().innerText();
    const firstAnswer = await first.locator('.entry-text').innerText(); // the answer itself, not its buttons or meta
    const lastAnswer = await last.locator('.entry-text').innerText();
    await reloadWindow();
    const after = await openChatView();
    await after.getByTestId('entry').nth(count - 1).waitFor({ timeout: 30_000 });
    assert.equal(await after.getByTestId('entry').count(), count);
    assert.equal(await after.getByTestId('entry').first().innerText(), firstText);
    // This suite's own answers came back, the latest last.
    const answers = await after.locator('[data-testid="entry"][data-role="assistant"] .entry-text').allInnerTexts();
    assert.ok(answers.includes(firstAnswer), 'the first answer is restored');
    assert.equal(answers[answers.length - 1], lastAnswer, 'the last answer is restored last');
  });
});
