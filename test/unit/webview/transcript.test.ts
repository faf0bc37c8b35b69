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

  // jsdom has no layout: give the list a height and a scroll position, and record scrollIntoView calls.
  function scrolledUp(list: HTMLElement): { intoView: string[] } {
    Object.defineProperty(list, 'scrollHeight', { configurable: true, get: () => 1000 });
    Object.defineProperty(list, 'clientHeight', { configurable: true, get: () => 200 });
    list.scrollTop = 0;
    const intoView: string[] = [];
    const proto = Object.getPrototypeOf(list) as { scrollIntoView?: unknown };
    Object.defineProperty(Object.getPrototypeOf(proto), 'scrollIntoView', {
      configurable: true,
      value(this: HTMLElement) {
        intoView.push(this.dataset.id ?? '');
      },
    });
    return { intoView };
  }

  it('scrolls to a new question or answer even when the user had scrolled up (it stayed out of sight)', () => {
    const { list, transcript, frames } = setup();
    transcript.showAll([userEntry('u1', 'q'), answer('a1', { text: 'r' })]);
    scrolledUp(list);
    transcript.update(userEntry('u2', 'new question'));
    frames.shift()!();
    assert.equal(list.scrollTop, 1000, 'the new entry at the end is scrolled to');
  });

  it('does not pull a reader who scrolled up back down while an answer only streams on', () => {
    const { list, transcript, frames } = setup();
    transcript.showAll([userEntry('u1', 'q'), answer('a1', { state: 'streaming', text: 'r' })]);
    scrolledUp(list);
    transcript.update(answer('a1', { state: 'streaming', text: 'r more' }));
    frames.shift()!();
    assert.equal(list.scrollTop, 0);
  });

  it('puts a new entry right after the one it names, and scrolls it into view', () => {
    const { list, transcript, frames } = setup();
    transcript.showAll([userEntry('u1', 'q1'), answer('a1', { text: 'r1' }), userEntry('u2', 'q2'), answer('a2', { text: 'r2' })]);
    const { intoView } = scrolledUp(list);
    transcript.update(userEntry('n1', 'retry'), 'a1');
    transcript.update(answer('a3', { state: 'streaming', text: '' }), 'n1');
    frames.shift()!();
    transcript.update(answer('a3', { text: 'better' }));
    frames.shift()!();
    assert.deepEqual(Array.from(list.children).map((c) => (c as HTMLElement).dataset.id), ['u1', 'a1', 'n1', 'a3', 'u2', 'a2']);
    assert.deepEqual(intoView, ['a3']);
  });
});
