// Streaming redraws are batched to one per frame, and entries keep their order and identity.
import * as assert from 'node:assert/strict';
import type { ChatEntryView } from '../../../src/shared/protocol';
import { Transcript } from '../../../src/webview/transcript';
import { answer, userEntry } from './fixtures';
import { blankPage } from './testDom';

describe('webview/transcript', () => {
  function setup(): { list: HTMLElement; transcript: Transcript; renders: string[]; frames: (() => void)[] } {
    const { document } = blankPage();
    const list = document.createElement('div');
    document.body.append(list);
    const renders: string[] = [];
    const frames: (() => void)[] = [];
    const renderEntry = (entry: ChatEntryView): HTMLElement => {
      renders.push(entry.id);
      const node = document.createElement('article');
      node.dataset.id = entry.id;
      node.textContent = entry.text;
      return node;
    };
    return { list, transcript: new Transcript(document, list, renderEntry, (cb) => frames.push(cb)), renders, frames };
  }

  it('shows a hint when empty and every entry after a snapshot', () => {
    const { list, transcript } = setup();
    transcript.showAll([]);
    assert.ok(list.querySelector('.empty-hint'));
    transcript.showAll([userEntry('u1', 'q'), answer('a1', { text: 'r' })]);
    assert.equal(list.querySelector('.empty-hint'), null);
    assert.deepEqual(Array.from(list.children).map((c) => (c as HTMLElement).dataset.id), ['u1', 'a1']);
  });

  it('redraws a streaming entry once per frame however many deltas arrive', () => {
    const { list, transcript, renders, frames } = setup();
    transcript.showAll([answer('a1', { state: 'streaming', text: '' })]);
    renders.length = 0;
    let text = '';
    for (let i = 0; i < 200; i++) {
      text += 'x';
      transcript.update(answer('a1', { state: 'streaming', text }));
    }
    assert.equal(frames.length, 1, 'one frame requested');
    assert.deepEqual(renders, [], 'nothing drawn before the frame');
    frames.shift()!();
    assert.deepEqual(renders, ['a1']);
    assert.equal(list.children.length, 1);
    assert.equal(list.textContent, 'x'.repeat(200));
  });

  it('appends new entries and replaces known ones in place', () => {
    const { list, transcript, frames } = setup();
    transcript.showAll([userEntry('u1', 'q')]);
    transcript.update(answer('a1', { state: 'streaming', text: 'part' }));
    transcript.update(userEntry('u1', 'q edited'));
    frames.shift()!();
    assert.deepEqual(Array.from(list.children).map((c) => c.textContent), ['q edited', 'part']);
    transcript.update(answer('a1', { text: 'whole' }));
    frames.shift()!();
    assert.deepEqual(Array.from(list.children).map((c) => c.textContent), ['q edited', 'whole']);
  });

  it('drops pending redraws when a snapshot replaces everything', () => {
    const { list, transcript, frames } = setup();
    transcript.showAll([answer('a1', { state: 'streaming', text: 'a' })]);
    transcript.update(answer('a1', { state: 'streaming', text: 'ab' }));
    transcript.showAll([]);
    frames.shift()!();
    assert.equal(list.querySelectorAll('article').length, 0);
  });
});
