// The chat view's local copy of the host's state, and how each host message changes it (pure).
import type { ChatEntryView, ChatSnapshot, HostToChatView } from '../shared/protocol';

/** What the view shows: the last snapshot, patched by deltas and entry updates, plus a status line. */
export interface ChatState {
  readonly snapshot: ChatSnapshot;
  readonly status: string;
}

/** Which part of the view must be redrawn after a message (the composer is cheap: always refreshed). */
export type ChatChange =
  | { readonly kind: 'all' }
  | { readonly kind: 'entry'; readonly entry: ChatEntryView; readonly after?: string }
  | { readonly kind: 'status' }
  | { readonly kind: 'none' };

/** The state before the first snapshot arrives. */
export const initialChatState: ChatState = {
  snapshot: { entries: [], pool: 'auto', busy: false, demo: false },
  status: '',
};

function withEntry(snapshot: ChatSnapshot, entry: ChatEntryView, after?: string): ChatSnapshot {
  const index = snapshot.entries.findIndex((e) => e.id === entry.id);
  const anchor = after === undefined ? -1 : snapshot.entries.findIndex((e) => e.id === after);
  const entries =
    index >= 0
      ? snapshot.entries.map((e, i) => (i === index ? entry : e))
      : anchor >= 0
        ? [...snapshot.entries.slice(0, anchor + 1), entry, ...snapshot.entries.slice(anchor + 1)]
        : [...snapshot.entries, entry];
  // An answer's update can start or end a stream without a new snapshot: busy follows the answers' streams.
  // A user entry leaves busy as the host set it (it may be routing before the answer starts).
  const busy =
    entry.role === 'user' ? snapshot.busy : entry.state === 'streaming' || (snapshot.busy && entries.some((e) => e.state === 'streaming'));
  return { ...snapshot, entries, busy };
}

/** Applies one host message. Deltas extend only a streaming entry; late deltas are dropped. */
export function applyHostMessage(state: ChatState, message: HostToChatView): { state: ChatState; change: ChatChange } {
  switch (message.type) {
    case 'snapshot':
      return { state: { ...state, snapshot: message.snapshot }, change: { kind: 'all' } };
    case 'entry': {
      const snapshot = withEntry(state.snapshot, message.entry, message.after);
      const after = message.after === undefined ? {} : { after: message.after };
      return { state: { ...state, snapshot }, change: { kind: 'entry', entry: message.entry, ...after } };
    }
    case 'delta': {
      const current = state.snapshot.entries.find((e) => e.id === message.entryId);
      if (!current || current.state !== 'streaming' || message.text === '') return { state, change: { kind: 'none' } };
      const entry: ChatEntryView = { ...current, text: current.text + message.text };
      return { state: { ...state, snapshot: withEntry(state.snapshot, entry) }, change: { kind: 'entry', entry } };
    }
    case 'status':
      return { state: { ...state, status: message.text }, change: { kind: 'status' } };
    case 'selection': {
      const { selectionLabel: _old, ...rest } = state.snapshot;
      const snapshot: ChatSnapshot = message.label ? { ...rest, selectionLabel: message.label } : rest;
      return { state: { ...state, snapshot }, change: { kind: 'status' } };
    }
  }
}
