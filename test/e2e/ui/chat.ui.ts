// UI: a chat message streams the fake's answer under its exact pool, model and cost; the status bar then shows that
// request's pool, model and cost. Each test sends what it asserts on, so the suite runs alone (TRIAGE_E2E_SUITE=chat).
import * as assert from 'node:assert/strict';
import { DEFAULT_PRICES } from '../../../src/core/pricing/defaultPrices';
import { priceCall } from '../../../src/core/pricing/pricing';
import { parseModelRef } from '../../../src/core/request';
import { shortModel } from '../../../src/host/statusBarText';
import { DEMO_LABEL } from '../../../src/webview/answerMeta';
import { formatCost } from '../../../src/webview/format';
import { demoResponder } from '../../fakes/demoResponder';
import { openChatView, screenshot, sendChat, statusBar, ui } from './uiContext';

/** The meta line's parts as shown: [demo label, pool, model, cost, latency, why]. */
async function metaParts(answer: Awaited<ReturnType<typeof sendChat>>): Promise<string[]> {
  return (await answer.getByTestId('answer-meta').locator('span:not(.sep)').allInnerTexts()).map((t) => t.trim());
}

/** What Triage charges for the fake's answer to `request` on `ref`, priced at `atMs` (DeepSeek has peak hours). */
function expectedCost(ref: string, request: Parameters<ReturnType<typeof demoResponder>>[0], providerId: string, atMs: number): string {
  const usage = demoResponder(providerId)(request).usage ?? { inputTokens: 0, outputTokens: 0 };
  const model = parseModelRef(ref);
  assert.ok(model, ref);
  const cost = priceCall(DEFAULT_PRICES, model, false, { inputTokens: usage.inputTokens, cachedInputTokens: 0, outputTokens: usage.outputTokens }, atMs);
  return formatCost(cost.micros, cost.unpriced);
}

describe('chat view (UI)', () => {
  it('streams an answer and shows pool, model, cost and why', async () => {
    const frame = await openChatView();
    // The quick pool picked: its first model (deepseek-flash, on the deepseek fake) answers, and the footer is exact.
    await frame.getByTestId('pool-picker').selectOption('quick');
    const question = 'What is the difference between a process and a thread?';
    const before = ui.fakes.deepseek.requests.length;
    const t0 = Date.now();
    const answer = await sendChat(frame, question);
    const t1 = Date.now();
    await frame.getByTestId('pool-picker').selectOption('auto');
    assert.equal(await answer.getAttribute('data-state'), 'done');
    const sent = ui.fakes.deepseek.requests.slice(before).filter((r) => r.chat);
    assert.equal(sent.length, 1, 'one request reached the deepseek fake');
    assert.equal(sent[0]!.chat!.model, 'deepseek-flash');
    const text = (await answer.innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(`[demo] deepseek model "deepseek-flash" would answer here. You asked: "${question}".`), `the fake's answer is shown: ${text}`);
    const [label, pool, model, cost, latency, why, ...rest] = await metaParts(answer);
    assert.deepEqual([label, pool, model], [DEMO_LABEL, 'quick', 'deepseek:deepseek-flash']);
    // Priced from the usage the fake reported; a DeepSeek peak-hour edge between t0 and t1 allows either price.
    const costs = new Set([expectedCost('deepseek:deepseek-flash', sent[0]!, 'deepseek', t0), expectedCost('deepseek:deepseek-flash', sent[0]!, 'deepseek', t1)]);
    assert.ok(costs.has(cost ?? ''), `cost ${cost} is the fake's usage priced (${[...costs].join(' or ')})`);
    assert.match(cost ?? '', /^\$0\.\d+$/, 'a paid model costs more than $0');
    assert.match(latency ?? '', /^\d+ ms$|^\d+\.\d s$/);
    assert.equal(why, 'your choice');
    assert.deepEqual(rest, []);
    await screenshot('chat-view');
  });

  it('shows tier, model and cost of the last request in the status bar', async () => {
    const frame = await openChatView();
    const answer = await sendChat(frame, 'How do I reverse a list in Python?');
    assert.equal(await answer.getAttribute('data-state'), 'done');
    const [, pool, model, cost] = await metaParts(answer);
    assert.match(pool ?? '', /^(local|quick|coding|reasoning)$/);
    const expected = `${pool} · ${shortModel(model ?? '')} · ${cost}`;
    const item = statusBar().locator('.statusbar-item', { hasText: expected }).first();
    await item.waitFor({ timeout: 30_000 });
    const shown = (await item.innerText()).trim();
    assert.ok(shown.startsWith(`${expected} | `), `status bar shows this answer's pool, model and cost (${expected}): ${shown}`);
    assert.match(shown.slice(expected.length), /^ \| \$[\d.]+ today \(demo, not billed\)$/, shown); // the UI suites run in demo mode
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
