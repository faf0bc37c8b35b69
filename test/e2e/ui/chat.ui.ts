// UI: a chat message streams an answer that shows its pool, model and cost; the status bar then shows the request.
import * as assert from 'node:assert/strict';
import { openChatView, screenshot, sendChat, statusBar, ui } from './uiContext';

describe('chat view (UI)', () => {
  it('streams an answer and shows pool, model, cost and why', async () => {
    const frame = await openChatView();
    const sentBefore = ui.fakes.openai.requests.length + ui.fakes.deepseek.requests.length + ui.fakes.anthropic.requests.length + ui.fakes.ollama.requests.length;
    const answer = await sendChat(frame, 'What is the difference between a process and a thread?');
    assert.equal(await answer.getAttribute('data-state'), 'done');
    const text = await answer.innerText();
    assert.match(text, /\[demo\]/, 'the answer text from the fake is shown');
    const meta = (await answer.getByTestId('answer-meta').innerText()).replace(/\s+/g, ' ');
    assert.match(meta, /\b(local|quick|coding|reasoning)\b/, `meta names a pool: ${meta}`);
    assert.match(meta, /(ollama|openai|anthropic|deepseek):[\w.:-]+|qwen|gpt|claude|deepseek/, `meta names a model: ${meta}`);
    assert.match(meta, /\$[\d.]+|price unknown/, `meta shows a cost: ${meta}`);
    const sentAfter = ui.fakes.openai.requests.length + ui.fakes.deepseek.requests.length + ui.fakes.anthropic.requests.length + ui.fakes.ollama.requests.length;
    assert.ok(sentAfter > sentBefore, 'a provider fake received the request');
    await screenshot('chat-view');
  });

  it('shows tier, model and cost of the last request in the status bar', async () => {
    const item = statusBar().locator('.statusbar-item', { hasText: 'today' }).first();
    await item.filter({ hasText: '·' }).waitFor({ timeout: 30_000 });
    const text = (await item.innerText()).trim();
    assert.match(text, /^(local|quick|coding|reasoning) · [\w.:-]+ · (\$[\d.]+|price unknown) \| \$[\d.]+ today \(demo, not billed\)$/, text); // the UI suites run in demo mode
    await screenshot('status-bar-after-request');
  });

  it('uses the pool picked for the next message', async () => {
    const frame = await openChatView();
    await frame.getByTestId('pool-picker').selectOption('local');
    const before = ui.fakes.ollama.requests.length;
    const answer = await sendChat(frame, 'Explain what a mutex is.');
    assert.equal(ui.fakes.ollama.requests.length, before + 1, 'the local pool (Ollama) answered');
    assert.match(await answer.getByTestId('answer-meta').innerText(), /local/);
    await frame.getByTestId('pool-picker').selectOption('auto');
  });

  it('asks a stronger model: the next pool up, without the model that answered', async () => {
    const frame = await openChatView();
    await frame.getByTestId('pool-picker').selectOption('coding');
    const first = await sendChat(frame, 'Write a function that merges two sorted arrays.');
    await frame.getByTestId('pool-picker').selectOption('auto');
    assert.match(await first.getByTestId('answer-meta').innerText(), /coding · deepseek:deepseek-v4-pro/);
    await first.getByTestId('retry-stronger').click();
    const retryNote = frame.locator('[data-testid="entry"][data-role="user"]', { hasText: 'Ask a stronger model (reasoning pool or above, not deepseek-v4-pro)' }).last();
    const second = retryNote.locator('xpath=following-sibling::article[@data-testid="entry"][@data-role="assistant"][1]');
    await second.and(frame.locator('[data-state="done"], [data-state="failed"]')).waitFor({ timeout: 30_000 });
    const meta = (await second.getByTestId('answer-meta').innerText()).replace(/\s+/g, ' ');
    assert.match(meta, /reasoning · openai:gpt-6-sol/, `the next reasoning model answered, not deepseek-v4-pro again: ${meta}`);
    await screenshot('chat-ask-stronger');

    // A follow-up on auto stays in the pool of the answer it follows; its history: roles alternate, the stronger
    // answer stands for the question, Triage's note is not sent.
    const before = ui.fakes.deepseek.requests.length;
    const followUp = await sendChat(frame, 'Why?');
    const followMeta = (await followUp.getByTestId('answer-meta').innerText()).replace(/\s+/g, ' ');
    assert.match(followMeta, /reasoning · deepseek:deepseek-v4-pro/, `the follow-up followed the reasoning answer: ${followMeta}`);
    assert.match(followMeta, /follow-up of a reasoning answer/, followMeta);
    // Demo answers name the provider as configured (deepseek, on its own fake), not the protocol it speaks.
    assert.match(await followUp.innerText(), /\[demo\] deepseek model "deepseek-v4-pro"/);
    const sent = ui.fakes.deepseek.requests.slice(before).find((r) => r.chat)?.chat;
    assert.ok(sent, 'the follow-up reached a model');
    const turns = sent.messages.filter((m) => m.role !== 'system');
    const question = turns.findIndex((m) => m.content.includes('merges two sorted arrays'));
    assert.ok(question >= 0, 'the earlier question is in the history');
    assert.equal(turns[question + 1]?.role, 'assistant');
    assert.equal(turns[question + 2]?.role, 'user', 'one answer per question: the retried answer is replaced');
    assert.ok(turns.every((m, i) => i === 0 || m.role !== turns[i - 1]?.role), 'roles alternate');
    assert.ok(!turns.some((m) => m.content.includes('Ask a stronger model')), 'the note is not sent to the model');
  });
});
