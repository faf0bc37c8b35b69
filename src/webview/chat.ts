// Chat view script (browser): says `ready`, draws the host's snapshot, applies streamed updates, posts the user's actions.
import type { ChatViewToHost, HostToChatView, PoolChoice } from '../shared/protocol';
import { applyHostMessage, initialChatState } from './chatState';
import type { ChatState } from './chatState';
import { renderEntry } from './chatEntry';
import type { EntryActions } from './chatEntry';
import { Composer } from './composer';
import { el } from './dom';
import { createMarkdownRenderer } from './markdown';
import { Transcript } from './transcript';
import { connectToHost } from './vscodeApi';

const host = connectToHost<ChatViewToHost>();
const renderMarkdown = createMarkdownRenderer(window);
let state: ChatState = initialChatState;

const entryActions: EntryActions = {
  copyCode: (code, entryId) => host.postMessage({ type: 'copyCode', code, ...(entryId ? { entryId } : {}) }),
  insertCode: (code, entryId) => host.postMessage({ type: 'insertCode', code, ...(entryId ? { entryId } : {}) }),
  retryStronger: (entryId) => host.postMessage({ type: 'retryStronger', entryId }),
  askFresh: (entryId) => host.postMessage({ type: 'askFresh', entryId }),
};

const composer = new Composer(document, {
  send: (text, pool, attachSelection) => host.postMessage({ type: 'send', text, pool, attachSelection }),
  stop: () => host.postMessage({ type: 'stop' }),
  clear: () => host.postMessage({ type: 'clear' }),
  setPool: (pool: PoolChoice) => {
    state = { ...state, snapshot: { ...state.snapshot, pool } };
    host.postMessage({ type: 'setPool', pool });
  },
});

const demoBanner = el(document, 'div', {
  className: 'demo-banner',
  testId: 'demo-banner',
  text: 'Demo mode: answers come from built-in fakes, not a real model.',
});
const list = el(document, 'div', { className: 'transcript', testId: 'transcript', attrs: { role: 'log', 'aria-label': 'Conversation' } });
const status = el(document, 'div', { className: 'status-line', testId: 'chat-status', attrs: { role: 'status', 'aria-live': 'polite' } });
const transcript = new Transcript(document, list, (entry) => renderEntry(document, entry, renderMarkdown, entryActions), (cb) => {
  requestAnimationFrame(cb);
});

document.body.append(el(document, 'div', { className: 'chat' }, [demoBanner, list, status, composer.element]));

function refreshChrome(): void {
  demoBanner.hidden = !state.snapshot.demo;
  status.textContent = state.status;
  status.hidden = state.status === '';
  composer.update(state.snapshot);
}

window.addEventListener('message', (event: MessageEvent<HostToChatView>) => {
  const { state: next, change } = applyHostMessage(state, event.data);
  state = next;
  switch (change.kind) {
    case 'all':
      transcript.showAll(state.snapshot.entries);
      break;
    case 'entry':
      transcript.update(change.entry, change.after);
      break;
    case 'status':
    case 'none':
      break;
  }
  refreshChrome();
});

refreshChrome();
transcript.showAll([]);
host.postMessage({ type: 'ready' });
