// The history a chat message carries: question/answer pairs, the latest answer of each, no notes, roles alternating.

import * as assert from 'node:assert/strict';
import { conversationOf, followedPool, lastOfThread, withoutHistory } from '../../../src/host/chatHistory';
import type { ChatEntryView } from '../../../src/shared/protocol';
import { meta } from '../webview/fixtures';

const q = (id: string, text: string, extra: Partial<ChatEntryView> = {}): ChatEntryView => ({ id, role: 'user', text, state: 'done', ...extra });
const a = (id: string, replyTo: string | undefined, text: string, extra: Partial<ChatEntryView> = {}): ChatEntryView => ({
  id,
  role: 'assistant',
  text,
  state: 'done',
  ...(replyTo ? { replyTo } : {}),
  ...extra,
});
const roles = (turns: readonly { role: string }[]) => turns.map((t) => t.role).join(',');

describe('host/chatHistory', () => {
  it('pairs each question with its answer, sending the question as it was sent', () => {
    const entries = [q('q1', 'fix this'), a('a1', 'q1', 'fixed'), q('q2', 'why?'), a('a2', 'q2', 'because')];
    const turns = conversationOf(entries, new Map([['q1', 'fix this\n\nSelected code:\n```\nx\n```']]));
    assert.deepEqual(turns, [
      { role: 'user', content: 'fix this\n\nSelected code:\n```\nx\n```' },
      { role: 'assistant', content: 'fixed' },
      { role: 'user', content: 'why?' },
      { role: 'assistant', content: 'because' },
    ]);
  });

  it('lets a stronger retry of an older question replace that question\'s answer, in its place', () => {
    const entries = [
      q('q1', 'first'),
      a('a1', 'q1', 'weak'),
      q('q2', 'second'),
      a('a2', 'q2', 'two'),
      q('n1', 'Ask a stronger model …', { note: 'retry' }),
      a('a1b', 'q1', 'strong'),
    ];
    assert.deepEqual(
      conversationOf(entries, new Map()).map((t) => t.content),
      ['first', 'strong', 'second', 'two'],
    );
  });

  it('leaves out questions whose answer failed or was stopped, and notes, so roles alternate from a user turn', () => {
    const entries = [
      a('s0', undefined, 'Review summary: 2 findings', { note: 'summary' }),
      q('q1', 'one'),
      a('a1', 'q1', '', { state: 'failed', error: 'rate limited' }),
      q('q2', 'two'),
      a('a2', 'q2', 'partial', { state: 'cancelled' }),
      q('q3', 'three'),
      a('a3', 'q3', 'done'),
      a('s1', undefined, 'Review summary: clean', { note: 'summary' }),
    ];
    const turns = conversationOf(entries, new Map());
    assert.equal(roles(turns), 'user,assistant');
    assert.deepEqual(turns.map((t) => t.content), ['three', 'done']);
  });

  it('reads entries saved before answers named their question', () => {
    const entries = [q('q1', 'old'), a('a1', undefined, 'old answer'), q('q2', 'new'), a('a2', 'q2', 'new answer')];
    assert.deepEqual(conversationOf(entries, new Map()).map((t) => t.content), ['old', 'old answer', 'new', 'new answer']);
  });

  it('makes a short follow-up follow the pool its answer was routed to, not one it escalated to', () => {
    const entries = [q('q1', 'design a queue'), a('a1', 'q1', 'answer', { meta: meta({ pool: 'reasoning', routedPool: 'coding' }) })];
    assert.equal(followedPool(entries, 'why?', false), 'coding');
    assert.equal(followedPool(entries, 'why?', true), undefined, 'a message with a selection stands on its own');
    assert.equal(followedPool(entries, 'now write me a completely different function that parses dates in many formats please', false), undefined);
    assert.equal(followedPool([q('q1', 'x')], 'why?', false), undefined, 'nothing answered yet');
    assert.equal(followedPool(entries, 'What is the capital of Peru?', false), undefined, 'a new short question is classified on its own');
  });

  it('finds the last entry of a question\'s thread, so a retry lands with the answer it retries', () => {
    const entries = [q('q1', 'a'), a('a1', 'q1', 'x'), q('n1', 'retry', { note: 'retry', replyTo: 'q1' }), a('a2', 'q1', 'y'), q('q2', 'b'), a('a3', 'q2', 'z')];
    assert.equal(lastOfThread(entries, 'q1'), 'a2');
    assert.equal(lastOfThread(entries, 'q2'), 'a3');
    assert.equal(lastOfThread(entries, 'nope'), undefined);
  });

  it('sends a question without history: no earlier turns, no follow-up floor, everything else kept', () => {
    const alone = withoutHistory({
      kind: 'chat',
      instruction: 'and how do I rotate it?',
      selection: 'x',
      explicitPool: 'reasoning',
      followsPool: 'coding',
      conversation: [{ role: 'user', content: 'my key is AKIA…' }, { role: 'assistant', content: 'ok' }],
    });
    assert.deepEqual(alone, { kind: 'chat', instruction: 'and how do I rotate it?', selection: 'x', explicitPool: 'reasoning' });
  });
});
