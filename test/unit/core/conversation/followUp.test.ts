import * as assert from 'node:assert/strict';
import { isFollowUp, SHORT_FOLLOW_UP_WORDS } from '../../../../src/core/conversation/followUp';

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

describe('core/conversation: follow-up edges', () => {
  it('reads a bare one- or two-word message that asks nothing of its own as a follow-up, and a third word as not bare', () => {
    for (const text of ['population?', 'v7?', '`--force`?', 'Python 3.12?', 'python  3.12?']) assert.equal(isFollowUp(text, false), true, text);
    assert.equal(isFollowUp('rust vs go', false), false, 'three words');
  });

  it('reads a short message that opens with a question word as a question of its own, in any case', () => {
    for (const text of ['Who won?', 'What is Rust?']) assert.equal(isFollowUp(text, false), false, text);
  });

  it('does not count the words of Chinese or Japanese text without spaces', () => {
    for (const text of ['东京的人口是多少', '東京の人口は']) assert.equal(isFollowUp(text, false), false, text);
    assert.equal(isFollowUp('这个呢?', false), true);
  });

  it('reads a bare "why", in English or Korean, with or without punctuation, as a follow-up — and a why-question as new', () => {
    for (const text of ['why', 'why?!', 'Why...', 'why ?', 'why…', 'why？', '왜?', '왜요?', '왜죠?']) assert.equal(isFollowUp(text, false), true, text);
    for (const text of ['why do cats purr', 'do dogs dream, and why?']) assert.equal(isFollowUp(text, false), false, text);
  });

  it('reads a bare "why" in the other languages it reads questions in as a follow-up, and their why-questions as new', () => {
    for (const text of ['¿Por qué?', 'por que?', 'por quê?', 'warum?', 'Pourquoi ?', 'почему?', '为什么？', 'なぜ?', 'どうして?'])
      assert.equal(isFollowUp(text, false), true, text);
    for (const text of ['¿Por qué el cielo es azul?', 'warum ist der Himmel blau?', 'pourquoi le ciel est bleu ?', '为什么天空是蓝色的？'])
      assert.equal(isFollowUp(text, false), false, text);
  });

  it('reads an acknowledgement alone as a follow-up', () => {
    for (const text of ['thanks', 'ok thanks', 'Thank you!', 'ok.', '고마워']) assert.equal(isFollowUp(text, false), true, text);
  });

  it('takes a message of exactly the word limit, and not one word more, however it is spaced', () => {
    const twelve = 'and what about the second one in the list you gave me';
    assert.equal(twelve.split(' ').length, SHORT_FOLLOW_UP_WORDS);
    assert.equal(isFollowUp(twelve, false), true);
    assert.equal(isFollowUp(`${twelve} earlier`, false), false);
    assert.equal(isFollowUp('and  what  about  the  second  one  please', false), true, 'double spaces are one separator');
  });

  it('reads capitalised continuing openings, fragments and redo requests as follow-ups', () => {
    for (const text of ['But how do I deploy Flask?', 'In Rust with macros?', 'Rewrite with async await']) assert.equal(isFollowUp(text, false), true, text);
  });

  it('reads a Korean request for more detail as a follow-up, with or without the space', () => {
    for (const text of ['함수 설명을 더 자세히 부탁해', '함수 설명을 더자세히 부탁해']) assert.equal(isFollowUp(text, false), true, text);
    assert.equal(isFollowUp('해줘라는 말은 무슨 뜻이야', false), false, '"해줘" asks for a redo only at the end');
  });

  it('does not read the "it" of an idiom as a reference back', () => {
    for (const text of ['is it worth learning rust in 2025', 'what time is it in Tokyo']) assert.equal(isFollowUp(text, false), false, text);
    assert.equal(isFollowUp('is it worth keeping that function', false), true, 'a real reference after the idiom');
  });

  it('does not read a back-reference word at the end of another word ("habit", "bit")', () => {
    for (const text of ['what is a habit', 'how many bytes in a bit']) assert.equal(isFollowUp(text, false), false, text);
  });
});
