// The chat view applies snapshots, entry updates and deltas the way the host means them.
import * as assert from 'node:assert/strict';
import { applyHostMessage, initialChatState } from '../../../src/webview/chatState';
import type { ChatState } from '../../../src/webview/chatState';
import { answer, snapshot, userEntry } from './fixtures';

function stateWith(...entries: Parameters<typeof snapshot>[0][]): ChatState {
  return { snapshot: snapshot(Object.assign({}, ...entries)), status: '' };
}

describe('webview/chatState', () => {
  it('replaces everything on a snapshot', () => {
    const next = applyHostMessage(initialChatState, { type: 'snapshot', snapshot: snapshot({ entries: [userEntry('u1')], pool: 'local' }) });
    assert.deepEqual(next.change, { kind: 'all' });
    assert.equal(next.state.snapshot.pool, 'local');
    assert.equal(next.state.snapshot.entries.length, 1);
  });

  it('appends deltas to the streaming entry only', () => {
    let state = stateWith({ entries: [userEntry('u1'), answer('a1', { text: 'Hel', state: 'streaming' })], busy: true });
    const r = applyHostMessage(state, { type: 'delta', entryId: 'a1', text: 'lo' });
    state = r.state;
    assert.equal(state.snapshot.entries[1]!.text, 'Hello');
    assert.equal(r.change.kind, 'entry');
    assert.equal(state.snapshot.busy, true);
  });

  it('drops deltas for unknown or finished entries', () => {
    const state = stateWith({ entries: [answer('a1', { text: 'done', state: 'done' })] });
    assert.deepEqual(applyHostMessage(state, { type: 'delta', entryId: 'a1', text: 'late' }), { state, change: { kind: 'none' } });
    assert.deepEqual(applyHostMessage(state, { type: 'delta', entryId: 'nope', text: 'x' }), { state, change: { kind: 'none' } });
  });

  it('upserts entries: replaces by id, appends new ones in order', () => {
    let state = stateWith({ entries: [userEntry('u1'), answer('a1', { state: 'streaming', text: '' })], busy: true });
    state = applyHostMessage(state, { type: 'entry', entry: answer('a1', { text: 'final' }) }).state;
    state = applyHostMessage(state, { type: 'entry', entry: userEntry('u2', 'next') }).state;
    assert.deepEqual(state.snapshot.entries.map((e) => [e.id, e.text]), [['u1', 'explain this'], ['a1', 'final'], ['u2', 'next']]);
  });

  it('inserts a new entry right after the one named by `after`, and appends when that one is unknown', () => {
    let state = stateWith({ entries: [userEntry('u1'), answer('a1'), userEntry('u2', 'next')] });
    const placed = applyHostMessage(state, { type: 'entry', entry: userEntry('n1', 'retry'), after: 'a1' });
    assert.deepEqual(placed.change, { kind: 'entry', entry: userEntry('n1', 'retry'), after: 'a1' });
    state = placed.state;
    state = applyHostMessage(state, { type: 'entry', entry: userEntry('n2', 'x'), after: 'gone' }).state;
    assert.deepEqual(state.snapshot.entries.map((e) => e.id), ['u1', 'a1', 'n1', 'u2', 'n2']);
  });

  it('is no longer busy once the last stream ends, and busy when one starts', () => {
    let state = stateWith({ entries: [answer('a1', { state: 'streaming', text: '' })], busy: true });
    state = applyHostMessage(state, { type: 'entry', entry: answer('a1', { state: 'cancelled', text: 'part' }) }).state;
    assert.equal(state.snapshot.busy, false);
    state = applyHostMessage(state, { type: 'entry', entry: answer('a2', { state: 'streaming', text: '' }) }).state;
    assert.equal(state.snapshot.busy, true);
  });

  it('keeps a host-declared busy state while routing, before the answer streams', () => {
    const state = stateWith({ entries: [answer('a0')], busy: true });
    const next = applyHostMessage(state, { type: 'entry', entry: userEntry('u1') }).state;
    assert.equal(next.snapshot.busy, true);
  });

  it('sets the status line', () => {
    const r = applyHostMessage(initialChatState, { type: 'status', text: 'Routing…' });
    assert.equal(r.state.status, 'Routing…');
    assert.deepEqual(r.change, { kind: 'status' });
  });

  it('does not mutate the previous state', () => {
    const entries = [answer('a1', { state: 'streaming', text: 'a' })];
    const state = stateWith({ entries, busy: true });
    applyHostMessage(state, { type: 'delta', entryId: 'a1', text: 'b' });
    assert.equal(entries[0]!.text, 'a');
  });
});
