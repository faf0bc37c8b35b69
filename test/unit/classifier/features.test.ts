// Feature extraction is pure and deterministic, and its structural cues see what they claim to.

import * as assert from 'node:assert/strict';
import { extractFeatures, ngramBuckets } from '../../../src/core/classifier/features';
import { fnv1a, fnv1aJoined } from '../../../src/core/classifier/hashing';
import { STRUCTURAL_NAMES } from '../../../src/core/classifier/structuralFeatures';
import { isCodeLine, splitProseAndCode, tokenize } from '../../../src/core/classifier/textAnalysis';
import { lineCounts } from '../../../src/core/classifier/textCounts';
import type { TriageRequest } from '../../../src/core/request';

const edit: TriageRequest = { kind: 'edit', instruction: 'Rename foo to bar and fix the typo', selection: 'let foo = 1;\nconsole.log(foo);' };

describe('feature extraction', () => {
  it('hashes with FNV-1a (reference values)', () => {
    assert.equal(fnv1a(''), 0x811c9dc5);
    assert.equal(fnv1a('a'), 0xe40c292c);
    assert.equal(fnv1aJoined(['w', 'dry']), fnv1a('w dry'));
  });

  it('gives identical vectors for identical requests', () => {
    const a = extractFeatures(edit);
    const b = extractFeatures({ ...edit });
    assert.deepEqual(Array.from(a.structural), Array.from(b.structural));
    assert.deepEqual(a.buckets, b.buckets);
    assert.deepEqual(a.values, b.values);
    assert.equal(a.structural.length, STRUCTURAL_NAMES.length);
  });

  it('keeps buckets sorted, unique and the n-gram block unit-length', () => {
    const f = extractFeatures({ kind: 'chat', instruction: 'What is a closure in JavaScript? What is a closure?' });
    for (let i = 1; i < f.buckets.length; i++) assert.ok((f.buckets[i] as number) > (f.buckets[i - 1] as number));
    const norm = f.values.reduce((s, v) => s + v * v, 0);
    assert.ok(Math.abs(norm - 1) < 1e-9);
  });

  it('reads kind, selection size and mechanical-edit cues', () => {
    const f = extractFeatures(edit);
    const value = (name: string): number => f.structural[STRUCTURAL_NAMES.indexOf(name)] as number;
    assert.equal(value('kind.edit'), 1);
    assert.equal(value('sel.lines1to3'), 1);
    assert.equal(value('cue.mechanicalEdit'), 1);
    assert.equal(value('cue.logicEdit'), 0);
    assert.equal(f.shape.selectionLines, 2);
  });

  it('counts numbers and operations language-independently', () => {
    const ko = extractFeatures({ kind: 'chat', instruction: '사과가 3개씩 4봉지 있고 5개를 더 샀습니다. 사과는 모두 몇 개입니까?' });
    assert.equal(ko.shape.numbers, 3);
    assert.ok(ko.shape.operations >= 2);
    assert.ok((ko.structural[STRUCTURAL_NAMES.indexOf('script.hangul')] as number) > 0.9);
  });

  it('separates prose from code', () => {
    assert.equal(isCodeLine('    return a + b;'), true);
    assert.equal(isCodeLine('Please explain what this function does.'), false);
    const parts = splitProseAndCode('What does this print?\n\nx = [1, 2]\nprint(len(x))');
    assert.equal(parts.codeLines, 2);
    assert.equal(parts.prose, 'What does this print?');
  });

  it('inspects at most 8,000 characters of an instruction (a pasted log costs what a long prompt does)', () => {
    const head = `Why does this crash?\n${'    at handler (server.js:42:7)\n'.repeat(300)}`.slice(0, 8000);
    const long = extractFeatures({ kind: 'chat', instruction: `${head}${'TypeError: x is undefined\n'.repeat(2000)}` });
    const cut = extractFeatures({ kind: 'chat', instruction: head });
    assert.deepEqual(Array.from(long.structural), Array.from(cut.structural));
    assert.deepEqual(long.buckets, cut.buckets);
  });

  it('counts every line of a long selection but inspects only its head', () => {
    const selection = `${'x = compute(y);\n'.repeat(150)}done`;
    const f = extractFeatures({ kind: 'edit', instruction: 'Add type hints', selection });
    assert.equal(f.shape.selectionLines, 151);
    assert.equal(f.structural[STRUCTURAL_NAMES.indexOf('sel.lines51plus')], 1);
  });

  it('tokenises words, Hangul and numbers', () => {
    assert.deepEqual(tokenize("Don't add 3.5 kg 사과를"), ["don't", 'add', '#', 'kg', '사과를']);
    assert.ok(ngramBuckets('사과를 샀다').length > 3);
  });
});

describe('lineCounts', () => {
  it('counts lines and non-blank lines (whitespace-only lines, CRLF and Unicode spaces are blank)', () => {
    assert.deepEqual(lineCounts(''), { lines: 1, nonBlank: 0 });
    assert.deepEqual(lineCounts('a'), { lines: 1, nonBlank: 1 });
    assert.deepEqual(lineCounts('a\n'), { lines: 2, nonBlank: 1 });
    assert.deepEqual(lineCounts('a\r\n \t\r\n\u00a0\u3000\n  b\n\n'), { lines: 6, nonBlank: 2 });
    assert.deepEqual(lineCounts('x\n'.repeat(50_000)), { lines: 50_001, nonBlank: 50_000 });
  });
});
