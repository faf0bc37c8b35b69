import * as assert from 'node:assert/strict';
import { isFollowUp } from '../../../../src/core/conversation/followUp';

describe('core/conversation: follow-up or new question', () => {
  it('reads a new self-contained question as new, however short (it was routed to coding after a coding answer)', () => {
    for (const text of ['What is the capital of Peru?', 'what is a monad', 'How do I reverse a list in Python?', 'convert 5 miles to km', 'can you tell me the capital of peru', 'What is the difference between TCP and UDP?', '파이썬에서 리스트 뒤집는 법'])
      assert.equal(isFollowUp(text, false), false, text);
  });

  it('reads references back, continuing openings, fragments and redo requests as follow-ups', () => {
    for (const text of ['why?', 'and the second one?', 'in rust?', 'make it faster', 'can you add tests', 'explain more', 'is there a faster way?', 'what is the time complexity', 'what about java', 'what does the second line do', 'ok', 'Thanks, and in Go?'])
      assert.equal(isFollowUp(text, false), true, text);
  });

  it('bounds words in any script (JavaScript\'s \\b is ASCII-only): Korean openings and references', () => {
    for (const text of ['그럼 자바로는?', '왜 그래?', '더 자세히 설명해줘', '이거 왜 안돼?']) assert.equal(isFollowUp(text, false), true, text);
    assert.equal(isFollowUp('서울의 인구는 몇 명이야?', false), false);
  });

  it('judges an acknowledgement by what follows it', () => {
    assert.equal(isFollowUp('thanks! how do i install docker on ubuntu', false), false);
    assert.equal(isFollowUp('thanks! why does that work?', false), true);
  });

  it('never treats a message with a selection, an empty one or a long one as a follow-up', () => {
    assert.equal(isFollowUp('why?', true), false);
    assert.equal(isFollowUp('   ', false), false);
    assert.equal(isFollowUp('and now write me a completely different function that parses dates in many formats please', false), false);
  });

  it('does not fire on words that merely contain a back-reference ("items", "item", "iterate", "another" only as a word)', () => {
    assert.equal(isFollowUp('how do i iterate over items in python', false), false);
    assert.equal(isFollowUp('what is thistle', false), false);
  });
});
