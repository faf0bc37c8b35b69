// The classifier's fast paths compute exactly what the plain code they replaced computes (differential tests).

import * as assert from 'node:assert/strict';
import { CUES } from '../../../src/core/classifier/cues';
import { ngramBuckets, sortBuckets } from '../../../src/core/classifier/features';
import { HASH_BUCKETS, fnv1aJoined } from '../../../src/core/classifier/hashing';
import { LiteralTrie } from '../../../src/core/classifier/literalTrie';
import { MAX_TOKENS } from '../../../src/core/classifier/ngrams';
import { PatternSet } from '../../../src/core/classifier/patternSet';
import { startLiterals } from '../../../src/core/classifier/regexLiterals';
import { SECRET_RULES } from '../../../src/core/classifier/secretRules';
import { isCjkRange, isCjkToken, tokenize } from '../../../src/core/classifier/textAnalysis';
import { countNumbers, firstLines, isJsWhitespace, lineCounts, proseStats } from '../../../src/core/classifier/textCounts';
import { DATA_FILES, readLabelledFile } from '../../../src/cli/dataset';

/** Seeded PRNG (mulberry32) so failures reproduce. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  'the', 'Rename', 'rename', 'typo', 'write a function that', 'make it faster', 'to python', 'into c++', 'vs.', 'what is',
  'how many', 'how would you design', 'design', 'hello, world', 'step-by-step', 'f-strings', 'pep 8', "doesn't work", 'übersetzen',
  'xübersetz', 'переведи', '번역해', '사과가', '몇 개', '설명해 줘', '란?', '翻译', 'カタカナ', 'ひらがな', '𠀀', '😀', 'İstanbul', 'Σ',
  'K', 'sk-proj-', 'password', 'token', 'ey', '://', 'a)', 'b)', '(a)', 'options:', 'a. x b. y', 'Alice', 'Bob',
  '3', '12', '1,250', '3.5', '1.2.3', '4.', ',5', '$5', '10 kg', '2+3', '7 × 8', '%',
  ' ', ' ', ' ', '\t', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u180e', '\n', '\n', '\r\n', '\n\n',
  '?', '？', '!', '.', ',', ':', "'", '’', '"', '“', '”', '-', '_', '```', 'const x = 1;', 'def f(x):', '}',
];

function randomText(random: () => number, parts: number): string {
  let text = '';
  for (let i = 0; i < parts; i++) text += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] as string;
  return text;
}

const random = prng(20261123);
const RANDOM_TEXTS = Array.from({ length: 1500 }, (_, i) => randomText(random, 1 + (i % 60)));
const records = [...readLabelledFile(DATA_FILES.dev), ...readLabelledFile(DATA_FILES.extra)];
const DATA_TEXTS = records.flatMap((r) => [r.text, r.text.toLowerCase(), ...(r.selection ? [r.selection] : [])]);
const ALL_TEXTS = [...RANDOM_TEXTS, ...DATA_TEXTS];

/** The n-gram buckets as computed before the scanner: token strings and fnv1aJoined over part arrays. */
function referenceBuckets(prose: string): number[] {
  const tokens = tokenize(prose, MAX_TOKENS);
  const out: number[] = [];
  const add = (parts: readonly string[]): number => out.push(fnv1aJoined(parts) % HASH_BUCKETS);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    add(['w', token]);
    if (i + 1 < tokens.length) add(['b', token, tokens[i + 1] as string]);
    if (isCjkToken(token)) {
      for (let j = 0; j + 1 < token.length; j++) add(['c', token.slice(j, j + 2)]);
      if (token.length > 2) add(['e', token.slice(-2)]);
    } else if (token.length > 6) {
      add(['s', token.slice(0, 5)]);
    }
  }
  if (tokens.length > 0) add(['f', tokens[0] as string]);
  return out;
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

describe('classifier fast paths', () => {
  describe('startLiterals', () => {
    it('expands groups, optionals and small classes, and records where a match may start', () => {
      const literals = startLiterals(/\b(?:camel ?case|optimi[sz]e)\b|^how (?:do|does)|설명/);
      assert.deepEqual(
        literals?.map((l) => `${l.inputStart ? '^' : ''}${l.wordStart ? '\\b' : ''}${l.text}`).sort(),
        ['\\bcamel case', '\\bcamelcase', '\\boptimise', '\\boptimize', '^how do', '^how does', '설명'].sort(),
      );
    });

    it('gives up where a match could start with anything or the flags change matching', () => {
      assert.equal(startLiterals(/(?:^|\s)options?:/), undefined);
      assert.equal(startLiterals(/\w+ing/), undefined);
      assert.equal(startLiterals(/x*y/), undefined);
      assert.equal(startLiterals(/token/i), undefined);
      assert.equal(startLiterals(/a|/), undefined);
    });

    it('keeps no word-start condition for a literal that starts with a non-word character', () => {
      assert.deepEqual(startLiterals(/\b(?:übersetz|sql)\b/), [
        { text: 'übersetz', wordStart: false, inputStart: false },
        { text: 'sql', wordStart: true, inputStart: false },
      ]);
    });
  });

  describe('PatternSet', () => {
    const extra = [
      /(?<![.!?:]\s|^|\n)\b[A-Z][a-z]+\b/,
      /\b(?:übersetz\w*|vs\.?)\b/,
      /^(?:what|who)\b|란\??$/,
      /\d\s*[-+*/×÷^]\s*\d/,
      /(?:list|words|items)\s*:|,\s*\S+,\s*\S+,\s*\S+,/,
      /[?？]\s*$/,
      /\bhello,? world\b/g,
      /a(?=b)|\x41\u0042|[\b-]x|k\k/,
    ];
    const patterns = [...CUES.map((c) => c.pattern), ...extra];
    const set = new PatternSet(patterns);
    const matched = new Uint8Array(patterns.length);

    it('answers exactly what each regex.test answers', () => {
      let fired = 0;
      for (const text of ALL_TEXTS) {
        set.test(text, matched);
        patterns.forEach((pattern, i) => {
          pattern.lastIndex = 0;
          const expected = pattern.test(text);
          pattern.lastIndex = 0;
          if (expected) fired++;
          assert.equal(matched[i] === 1, expected, `${pattern} on ${JSON.stringify(text.slice(0, 120))}`);
        });
      }
      assert.ok(fired > 1000, 'the texts should exercise the patterns');
    });
  });

  it('LiteralTrie finds exactly the keywords String.includes finds', () => {
    const keywords = [...new Set(SECRET_RULES.flatMap((r) => r.keywords))];
    const trie = new LiteralTrie(keywords.map((text, value) => ({ text, value })));
    const present = new Uint8Array(keywords.length);
    for (const text of ALL_TEXTS) {
      const lower = text.toLowerCase();
      present.fill(0);
      trie.markOccurring(lower, present);
      keywords.forEach((k, i) => assert.equal(present[i] === 1, lower.includes(k), `${k} in ${JSON.stringify(lower.slice(0, 80))}`));
    }
  });

  it('isJsWhitespace is the \\s class, for every UTF-16 code unit', () => {
    for (let code = 0; code < 0x10000; code++) assert.equal(isJsWhitespace(code), /\s/.test(String.fromCharCode(code)), code.toString(16));
  });

  it('proseStats and countNumbers count what the regexes count', () => {
    for (const text of ALL_TEXTS) {
      const stats = proseStats(text);
      assert.equal(stats.words, text.split(/\s+/).filter((w) => w.length > 0).length);
      assert.equal(stats.hangulRuns, countMatches(text, /[\uac00-\ud7a3]+/g));
      assert.equal(stats.questionMarks, countMatches(text, /[?？]/g));
      assert.equal(stats.endsWithQuestionMark, /[?？]\s*$/.test(text));
      assert.equal(stats.hasDigit, /\d/.test(text));
      const numbers = text.match(/\d+(?:[.,]\d+)*/g) ?? [];
      assert.deepEqual(countNumbers(text), { count: numbers.length, distinct3plus: new Set(numbers).size >= 3 });
    }
  });

  it('lineCounts and firstLines agree with split', () => {
    for (const text of ALL_TEXTS) {
      const lines = text.split('\n');
      assert.deepEqual(lineCounts(text), { lines: lines.length, nonBlank: lines.filter((l) => l.trim().length > 0).length });
      for (const max of [0, 1, 2, 5, 120]) assert.equal(firstLines(text, max), lines.slice(0, max).join('\n'));
    }
  });

  it('isCjkRange agrees with isCjkToken, surrogate pairs included', () => {
    for (const text of ALL_TEXTS) {
      for (const token of tokenize(text)) {
        const padded = `x${token}y`;
        assert.equal(isCjkRange(padded, 1, padded.length - 1), isCjkToken(token), token);
      }
    }
  });

  it('sortBuckets sorts like Array#sort, short and long, duplicates included', () => {
    const draw = prng(7);
    for (let round = 0; round < 300; round++) {
      const n = round < 100 ? round : Math.floor(draw() * 5000);
      const values = new Uint32Array(n + 3);
      for (let i = 0; i < values.length; i++) values[i] = Math.floor(draw() * (round % 3 === 0 ? 50 : HASH_BUCKETS));
      const expected = [...Array.from(values.subarray(0, n)).sort((a, b) => a - b), ...Array.from(values.subarray(n))];
      sortBuckets(values, n);
      assert.deepEqual(Array.from(values), expected);
    }
  });

  it('n-gram buckets equal the string-building reference', () => {
    for (const text of ALL_TEXTS) assert.deepEqual(ngramBuckets(text), referenceBuckets(text));
  });
});
