// Builds the DOM of one transcript entry: the message, its state, and under an answer its meta line and path.
import type { AnswerMetaView, ChatEntryView } from '../shared/protocol';
import { attemptText, cascadeMovedOn, metaParts } from './answerMeta';
import { addCodeButtons } from './codeBlocks';
import type { CodeActions } from './codeBlocks';
import { button, el } from './dom';
import type { MarkdownRenderer } from './markdown';

/** What an entry's buttons ask the host to do. */
export interface EntryActions extends CodeActions {
  retryStronger(entryId: string): void;
  askFresh(entryId: string): void;
}

function metaLine(doc: Document, meta: AnswerMetaView): HTMLElement {
  const parts = metaParts(meta);
  const line = el(doc, 'div', { className: 'answer-meta', testId: 'answer-meta' });
  parts.forEach((part, i) => {
    if (i > 0) line.append(el(doc, 'span', { className: 'sep', text: ' · ', attrs: { 'aria-hidden': 'true' } }));
    line.append(el(doc, 'span', { className: meta.demo && i === 0 ? 'demo-label' : 'meta-part', text: part }));
  });
  return line;
}

function attemptsDetails(doc: Document, meta: AnswerMetaView): HTMLElement {
  const steps = meta.attempts.map((a) => el(doc, 'li', { className: `attempt outcome-${a.outcome === 'ok' ? 'ok' : 'failed'}`, text: attemptText(a) }));
  return el(doc, 'details', { className: 'attempts', testId: 'attempts' }, [
    el(doc, 'summary', { text: `Path taken (${meta.attempts.length} attempts)` }),
    el(doc, 'ol', {}, steps),
  ]);
}

function body(doc: Document, entry: ChatEntryView, render: MarkdownRenderer, actions: EntryActions): HTMLElement {
  if (entry.role === 'user') return el(doc, 'div', { className: 'entry-text', text: entry.text });
  const node = el(doc, 'div', { className: 'entry-text markdown' });
  if (entry.text === '' && entry.state === 'streaming') {
    node.append(el(doc, 'span', { className: 'thinking', text: 'Thinking…' }));
  } else {
    node.append(render(entry.text));
    addCodeButtons(doc, node, actions, entry.id);
  }
  return node;
}

function stateNote(doc: Document, entry: ChatEntryView): HTMLElement | undefined {
  if (entry.state === 'failed') {
    return el(doc, 'div', { className: 'entry-error', attrs: { role: 'alert' }, text: `Failed: ${entry.error ?? 'the request did not complete'}` });
  }
  if (entry.state === 'cancelled') {
    return el(doc, 'div', { className: 'entry-cancelled', text: entry.text ? 'Stopped — the answer above is partial.' : 'Stopped.' });
  }
  return undefined;
}

/** One entry as an `<article data-testid="entry" data-role data-state>`. */
export function renderEntry(doc: Document, entry: ChatEntryView, render: MarkdownRenderer, actions: EntryActions): HTMLElement {
  const article = el(doc, 'article', {
    className: `entry entry-${entry.role} state-${entry.state}${entry.note ? ' entry-note' : ''}`,
    testId: 'entry',
    attrs: { 'data-role': entry.role, 'data-state': entry.state, 'data-entry-id': entry.id },
  });
  if (entry.state === 'streaming') article.setAttribute('aria-busy', 'true');
  // A note Triage wrote for the user (a stronger-model retry) is not something the user typed.
  const who = entry.note === 'retry' ? 'Retry' : entry.role === 'user' ? 'You' : 'Triage';
  article.append(el(doc, 'div', { className: 'entry-who', text: who }));
  if (entry.attachment) article.append(el(doc, 'div', { className: 'attachment', text: `with selection ${entry.attachment}` }));
  article.append(body(doc, entry, render, actions));
  const note = stateNote(doc, entry);
  if (note) article.append(note);
  if (entry.role === 'assistant' && entry.meta) {
    article.append(metaLine(doc, entry.meta));
    if (cascadeMovedOn(entry.meta)) article.append(attemptsDetails(doc, entry.meta));
    const summary = entry.meta.historySummary;
    if (summary) {
      article.append(
        el(doc, 'details', { className: 'history-summary', testId: 'history-summary' }, [
          el(doc, 'summary', { text: `Earlier turns sent as a local summary (${summary.turns} turns)` }),
          el(doc, 'div', { className: 'summary-text', text: summary.summary }),
        ]),
      );
    }
  }
  const buttons = entryButtons(doc, entry, actions);
  if (buttons.length > 0) article.append(el(doc, 'div', { className: 'entry-actions' }, buttons));
  return article;
}

/** The host says what can go where (it clears both flags on entries restored after a reload: their requests are gone). */
function entryButtons(doc: Document, entry: ChatEntryView, actions: EntryActions): HTMLElement[] {
  if (entry.role !== 'assistant' || !(entry.state === 'done' || entry.state === 'failed') || !entry.meta) return [];
  const out: HTMLElement[] = [];
  if (entry.meta.cached === true && entry.meta.freshAvailable === true) {
    out.push(
      button(doc, 'Ask again fresh', () => actions.askFresh(entry.id), {
        testId: 'ask-fresh',
        attrs: { title: 'This answer came from the response cache at $0. Ask the model again (billed as usual); the new answer replaces the cached one.' },
      }),
    );
  }
  if (entry.meta.strongerAvailable === true) {
    out.push(
      button(doc, 'Ask a stronger model', () => actions.retryStronger(entry.id), {
        testId: 'retry-stronger',
        attrs: { title: 'Ask the same question again in the next pool up, without the models that already answered it' },
      }),
    );
  }
  return out;
}
