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
    // An answer's text and its pool/model/cost line come back; its buttons do not (the request behind them is gone).
    // (A note Triage wrote, such as a review summary, has no meta line.)
    const shown = async (entry: typeof first): Promise<string> => {
      const meta = entry.getByTestId('answer-meta');
      return [await entry.locator('.entry-text').innerText(), (await meta.count()) > 0 ? await meta.innerText() : ''].join('\n');
    };
    const firstAnswer = await shown(first);
    const lastAnswer = await shown(last);
    await reloadWindow();
    const after = await openChatView();
    await after.getByTestId('entry').nth(count - 1).waitFor({ timeout: 30_000 });
    assert.equal(await after.getByTestId('entry').count(), count);
    assert.equal(await after.getByTestId('entry').first().innerText(), firstText);
    // This suite's own answers came back, the latest last.
    const restored = after.locator('[data-testid="entry"][data-role="assistant"]');
    const answers: string[] = [];
    for (let i = 0; i < (await restored.count()); i++) answers.push(await shown(restored.nth(i)));
    assert.ok(answers.includes(firstAnswer), `the first answer is restored: ${JSON.stringify(firstAnswer)} among ${JSON.stringify(answers.slice(-3))}`);
    assert.equal(answers[answers.length - 1], lastAnswer, 'the last answer is restored last');
    assert.equal(await restored.last().getByTestId('retry-stronger').count(), 0, 'a restored answer offers no retry: its request is gone');
  });
});
