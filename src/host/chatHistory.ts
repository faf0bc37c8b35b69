// What earlier chat turns a new message carries, and which pool a follow-up follows. No vscode import.
import { isFollowUp } from '../core/conversation/followUp';
import type { ChatMessage, PoolName, TriageRequest } from '../core/request';
import type { ChatEntryView } from '../shared/protocol';

/** The answer a question got: the latest finished one that replies to it (a stronger retry's answer replaces the first). */
function answerTo(entries: readonly ChatEntryView[], questionAt: number): ChatEntryView | undefined {
  const question = entries[questionAt] as ChatEntryView;
  const replies = entries.filter((e) => e.role === 'assistant' && !e.note && e.replyTo === question.id);
  if (replies.length === 0) {
    // Entries saved before answers named their question: the first answer after it, before the next question.
    for (let i = questionAt + 1; i < entries.length; i++) {
      const e = entries[i] as ChatEntryView;
      if (e.role === 'user' && !e.note) break;
      if (e.role === 'assistant' && !e.note && e.replyTo === undefined) replies.push(e);
    }
  }
  return replies.filter((e) => e.state === 'done' && e.text.trim() !== '').pop();
}

function isQuestion(e: ChatEntryView): boolean {
  return e.role === 'user' && !e.note && e.state === 'done' && e.text.trim() !== '';
}

/**
 * Earlier turns as the model sees them, oldest first: each question (as it was sent, selection included, when
 * `sent` has it) followed by its latest finished answer. Questions without one, and Triage's notes, are left out,
 * so roles alternate and the history starts with a user turn.
 */
export function conversationOf(entries: readonly ChatEntryView[], sent: ReadonlyMap<string, string>): ChatMessage[] {
  const turns: ChatMessage[] = [];
  entries.forEach((e, i) => {
    if (!isQuestion(e)) return;
    const answer = answerTo(entries, i);
    if (!answer) return;
    turns.push({ role: 'user', content: sent.get(e.id) ?? e.text }, { role: 'assistant', content: answer.text });
  });
  return turns;
}

/** The same question on its own: no earlier turns, and so no follow-up pool floor either (the way out of a history holding a secret). */
export function withoutHistory(request: TriageRequest): TriageRequest {
  const { conversation: _conversation, followsPool: _follows, ...rest } = request;
  return rest;
}

/**
 * The pool a new message follows, or undefined: only a follow-up (short, no selection, referring back — see
 * `isFollowUp`) leans on the answer before it, and it follows the pool that answer was routed to (not one it
 * escalated to when models failed). A new self-contained question is classified on its own.
 */
export function followedPool(entries: readonly ChatEntryView[], text: string, withSelection: boolean): PoolName | undefined {
  if (!isFollowUp(text, withSelection)) return undefined;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (!isQuestion(entries[i] as ChatEntryView)) continue;
    const answer = answerTo(entries, i);
    if (answer?.meta) return answer.meta.routedPool ?? answer.meta.pool;
  }
  return undefined;
}

/**
 * The id of the last entry that belongs to question `questionId` — the question, its answers and retry notes — so a
 * stronger retry can be placed with the answer it retries rather than under the newest message.
 */
export function lastOfThread(entries: readonly ChatEntryView[], questionId: string): string | undefined {
  let last: string | undefined;
  for (const e of entries) if (e.id === questionId || e.replyTo === questionId) last = e.id;
  return last;
}
