// Transcript entries carry the testids, state, meta line, path and buttons the e2e tests and users rely on.
import * as assert from 'node:assert/strict';
import { renderEntry } from '../../../src/webview/chatEntry';
import type { EntryActions } from '../../../src/webview/chatEntry';
import { createMarkdownRenderer } from '../../../src/webview/markdown';
import { answer, meta, userEntry } from './fixtures';
import { blankPage, byTestId } from './testDom';

describe('webview/chatEntry', () => {
  const { window, document } = blankPage();
  const render = createMarkdownRenderer(window);
  let posted: string[] = [];
  const actions: EntryActions = {
    copyCode: (code, entryId) => posted.push(`copy:${code}${entryId ? `@${entryId}` : ''}`),
    insertCode: (code, entryId) => posted.push(`insert:${code}${entryId ? `@${entryId}` : ''}`),
    retryStronger: (id) => posted.push(`retry:${id}`),
    askFresh: (id) => posted.push(`fresh:${id}`),
  };
  beforeEach(() => {
    posted = [];
  });

  it('marks entries with testid, role and state', () => {
    const node = renderEntry(document, userEntry('u1', '<b>hi</b>', { attachment: 'sample.ts:1-3' }), render, actions);
    assert.equal(node.dataset.testid, 'entry');
    assert.equal(node.dataset.role, 'user');
    assert.equal(node.dataset.state, 'done');
    assert.match(node.textContent ?? '', /<b>hi<\/b>/, 'user text is shown as text');
    assert.equal(node.querySelector('b'), null);
    assert.match(node.textContent ?? '', /sample\.ts:1-3/);
    assert.equal(byTestId(node, 'answer-meta').length, 0);
  });

  it('renders an answer as markdown with its meta line', () => {
    const node = renderEntry(document, answer('a1'), render, actions);
    assert.equal(node.querySelector('strong')?.textContent, 'works');
    const [metaLine] = byTestId(node, 'answer-meta');
    assert.equal(metaLine?.textContent, 'coding · anthropic:claude-sonnet · $0.012 · 1.2 s · multi-file edit (82%)');
    assert.equal(byTestId(node, 'attempts').length, 0);
  });

  it('shows price unknown, the demo label and the path when the cascade moved on', () => {
    const node = renderEntry(document, answer('a1', {
      meta: meta({ unpriced: true, demo: true, attempts: [
        { model: 'ollama:qwen', pool: 'local', outcome: 'timeout', ms: 3_000 },
        { model: 'openai:gpt-mini', pool: 'quick', outcome: 'ok', ms: 800 },
      ] }),
    }), render, actions);
    const text = byTestId(node, 'answer-meta')[0]!.textContent ?? '';
    assert.match(text, /^demo answer \(no real model\) · /);
    assert.match(text, /price unknown/);
    const details = byTestId(node, 'attempts')[0]!;
    assert.equal(details.tagName, 'DETAILS');
    assert.deepEqual(Array.from(details.querySelectorAll('li')).map((li) => li.textContent), ['ollama:qwen → timeout, 3.0 s', 'openai:gpt-mini → ok, 800 ms']);
  });

  it('gives code blocks Copy and Insert buttons that post the code', () => {
    const node = renderEntry(document, answer('a1', { text: 'Try:\n\n```ts\nconst x = 1;\n```\n\n```\nsecond\n```' }), render, actions);
    const copies = byTestId(node, 'copy-code');
    const inserts = byTestId(node, 'insert-code');
    assert.equal(copies.length, 2);
    assert.equal(inserts.length, 2);
    copies[0]!.click();
    inserts[1]!.click();
    assert.deepEqual(posted, ['copy:const x = 1;\n@a1', 'insert:second\n@a1'], 'with the answer they came from');
  });

  it('offers "Ask a stronger model" on finished answers when the host says a stronger model is configured', () => {
    const done = renderEntry(document, answer('a7'), render, actions);
    byTestId(done, 'retry-stronger')[0]!.click();
    assert.deepEqual(posted, ['retry:a7']);
    const failed = renderEntry(document, answer('a8', { state: 'failed', error: 'rate limited' }), render, actions);
    assert.equal(byTestId(failed, 'retry-stronger').length, 1);
    for (const entry of [answer('s', { state: 'streaming' }), answer('c', { state: 'cancelled' }), answer('none', { meta: meta({ pool: 'reasoning', strongerAvailable: false }) }), answer('restored', { meta: meta({ strongerAvailable: undefined }) })]) {
      assert.equal(byTestId(renderEntry(document, entry, render, actions), 'retry-stronger').length, 0, entry.id);
    }
  });

  it('offers "Ask again fresh" only on a cached answer whose request the host still has', () => {
    const cached = renderEntry(document, answer('c1', { meta: meta({ cached: true, freshAvailable: true }) }), render, actions);
    assert.match(byTestId(cached, 'answer-meta')[0]!.textContent ?? '', /cached — \$0/);
    byTestId(cached, 'ask-fresh')[0]!.click();
    assert.deepEqual(posted, ['fresh:c1']);
    for (const entry of [answer('paid'), answer('restored', { meta: meta({ cached: true }) }), answer('s', { state: 'streaming', meta: meta({ cached: true, freshAvailable: true }) })]) {
      assert.equal(byTestId(renderEntry(document, entry, render, actions), 'ask-fresh').length, 0, entry.id);
    }
  });

  it('shows the local summary of earlier turns on request, as text', () => {
    const node = renderEntry(document, answer('h1', { meta: meta({ historySummary: { summary: '<b>we chose X</b>', turns: 6 } }) }), render, actions);
    const [details] = byTestId(node, 'history-summary');
    assert.equal(details?.tagName, 'DETAILS');
    assert.match(details?.textContent ?? '', /6 turns/);
    assert.match(details?.textContent ?? '', /<b>we chose X<\/b>/);
    assert.equal(details?.querySelector('b'), null);
    assert.equal(byTestId(renderEntry(document, answer('h2'), render, actions), 'history-summary').length, 0);
  });

  it('shows a retry note as Triage\'s line, not as something the user typed', () => {
    const node = renderEntry(document, userEntry('n1', 'Ask a stronger model (reasoning pool or above, not deepseek-v4-pro)', { note: 'retry' }), render, actions);
    assert.equal(node.querySelector('.entry-who')?.textContent, 'Retry');
    assert.ok(node.classList.contains('entry-note'));
    assert.equal(renderEntry(document, userEntry('u1'), render, actions).querySelector('.entry-who')?.textContent, 'You');
  });

  it('shows failures and cancellations clearly', () => {
    const failed = renderEntry(document, answer('f', { state: 'failed', text: '', error: 'All pools failed: rate-limit', meta: undefined }), render, actions);
    assert.equal(failed.dataset.state, 'failed');
    assert.equal(failed.querySelector('[role="alert"]')?.textContent, 'Failed: All pools failed: rate-limit');
    const cancelled = renderEntry(document, answer('c', { state: 'cancelled', text: 'partial' }), render, actions);
    assert.match(cancelled.textContent ?? '', /Stopped — the answer above is partial\./);
  });

  it('shows a placeholder and aria-busy while an answer has not started', () => {
    const node = renderEntry(document, answer('s', { state: 'streaming', text: '', meta: undefined }), render, actions);
    assert.equal(node.getAttribute('aria-busy'), 'true');
    assert.match(node.textContent ?? '', /Thinking…/);
  });
});
