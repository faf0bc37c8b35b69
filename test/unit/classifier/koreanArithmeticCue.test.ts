// Korean arithmetic cues fire on arithmetic, not on common syllables (합니다, 자동차, 배우다).

import * as assert from 'node:assert/strict';
import { CUES } from '../../../src/core/classifier/cues';

const arithmetic = (CUES.find((c) => c.name === 'arithmeticWords') as (typeof CUES)[number]).pattern;

describe('Korean arithmetic cue', () => {
  it('does not fire on polite endings and everyday words', () => {
    for (const text of ['다음 글을 요약해 주시기 바랍니다. 감사합니다', '자동차 광고 문구를 정중하게 고쳐 줘', '파이썬을 배우고 싶어요']) {
      assert.equal(arithmetic.test(text), false, text);
    }
  });

  it('still fires on arithmetic wording', () => {
    for (const text of ['사과가 3개씩 5봉지 있으면 모두 몇 개인가요', '두 수의 합을 구하세요', '철수는 영희보다 2배 많다', '12에서 5를 빼면 얼마인가요']) {
      assert.equal(arithmetic.test(text), true, text);
    }
  });
});
