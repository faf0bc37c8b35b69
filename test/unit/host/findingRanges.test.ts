// Review findings land on the right document lines and ranges, follow edits, and only code fixes become quick fixes.
import * as assert from 'node:assert/strict';
import { findingDocumentLine, fixedLineText, lineAfterChange, looksLikeProse, nonWhitespaceSpan, quickFixTitle } from '../../../src/host/findingRanges';

describe('host/findingRanges: findingDocumentLine', () => {
  it('maps a 1-based selection line to a 0-based document line', () => {
    assert.equal(findingDocumentLine(1, 10, 5, 100), 10);
    assert.equal(findingDocumentLine(3, 10, 5, 100), 12);
  });

  it('clamps lines past either end into the reviewed lines', () => {
    assert.equal(findingDocumentLine(9, 10, 5, 100), 14);
    assert.equal(findingDocumentLine(0, 10, 5, 100), 10);
    assert.equal(findingDocumentLine(-3, 10, 5, 100), 10);
    assert.equal(findingDocumentLine(Number.NaN, 10, 5, 100), 10);
  });

  it('never points past the end of the document', () => {
    assert.equal(findingDocumentLine(5, 10, 5, 12), 11);
    assert.equal(findingDocumentLine(1, 0, 1, 0), 0);
  });
});

describe('host/findingRanges: nonWhitespaceSpan', () => {
  it('spans the text between the indentation and trailing spaces', () => {
    assert.deepEqual(nonWhitespaceSpan('    return a + b;  '), { start: 4, end: 17 });
    assert.deepEqual(nonWhitespaceSpan('\tx'), { start: 1, end: 2 });
  });

  it('spans the whole line when it is blank', () => {
    assert.deepEqual(nonWhitespaceSpan('   '), { start: 0, end: 3 });
    assert.deepEqual(nonWhitespaceSpan(''), { start: 0, end: 0 });
  });
});

describe('host/findingRanges: lineAfterChange', () => {
  const change = (startLine: number, startCharacter: number, endLine: number, endCharacter: number, text: string) => ({
    startLine,
    startCharacter,
    endLine,
    endCharacter,
    text,
  });

  it('leaves lines above a change where they are', () => {
    assert.equal(lineAfterChange(2, change(5, 0, 5, 3, 'x\ny\n')), 2);
  });

  it('moves lines below a change by the lines it added or removed', () => {
    assert.equal(lineAfterChange(8, change(5, 0, 5, 3, 'x\ny\n')), 10);
    assert.equal(lineAfterChange(8, change(2, 4, 4, 1, '')), 6);
  });

  it('drops a line whose text the change touched', () => {
    assert.equal(lineAfterChange(5, change(5, 0, 5, 12, 'return a - b;')), undefined);
    assert.equal(lineAfterChange(5, change(4, 3, 6, 0, 'z')), undefined);
    assert.equal(lineAfterChange(5, change(5, 3, 5, 3, 'typed')), undefined);
  });

  it('moves a line when a change only inserts or deletes whole lines before it', () => {
    assert.equal(lineAfterChange(5, change(5, 0, 5, 0, '// new line\n')), 6);
    assert.equal(lineAfterChange(5, change(3, 0, 5, 0, '')), 3);
    assert.equal(lineAfterChange(5, change(3, 0, 5, 0, 'one line\n')), 4);
  });

  it('drops a line when deleted text is joined onto it', () => {
    assert.equal(lineAfterChange(5, change(3, 2, 5, 0, '')), undefined);
  });
});

describe('host/findingRanges: fixedLineText', () => {
  it('keeps the line\'s indentation for a one-line fix', () => {
    assert.equal(fixedLineText('    return a + b;', 'return a - b;'), '    return a - b;');
    assert.equal(fixedLineText('\tx = 1', '  x = 2'), '\tx = 2');
  });

  it('unwraps a fenced or inline-quoted snippet', () => {
    assert.equal(fixedLineText('  let x = 1;', '```ts\nconst x = 1;\n```'), '  const x = 1;');
    assert.equal(fixedLineText('  let x = 1;', '`const x = 1;`'), '  const x = 1;');
  });

  it('re-indents a multi-line fix relative to the line', () => {
    assert.equal(
      fixedLineText('  return a / b;', '    if (b === 0) throw new Error("b is 0");\n    return a / b;'),
      '  if (b === 0) throw new Error("b is 0");\n  return a / b;',
    );
  });

  it('offers nothing for advice, empty fixes, no-op fixes or long rewrites', () => {
    assert.equal(fixedLineText('  return a + b;', 'Use subtraction here instead of addition.'), undefined);
    assert.equal(fixedLineText('  return a + b;', 'Consider checking for overflow'), undefined);
    assert.equal(fixedLineText('  return a + b;', 'Replace `a + b` with `a - b`'), undefined);
    assert.equal(fixedLineText('  return a + b;', '   '), undefined);
    assert.equal(fixedLineText('  return a + b;', 'return a + b;'), undefined);
    assert.equal(fixedLineText('x', Array.from({ length: 25 }, (_, i) => `f(${i});`).join('\n')), undefined);
  });
});

describe('host/findingRanges: looksLikeProse', () => {
  it('tells code from advice', () => {
    for (const code of ['return a - b;', 'pass', 'from typing import List', 'x = y', 'foo.bar', 'const x = [1, 2]', 'else:', '}']) {
      assert.equal(looksLikeProse(code), false, code);
    }
    for (const prose of ['Use === instead of ==', 'This can overflow.', 'validate the input first', 'Prefer `const` here']) {
      assert.equal(looksLikeProse(prose), true, prose);
    }
  });
});

describe('host: quick-fix titles', () => {
  it('names the fix by the finding it fixes, its first sentence without the full stop', () => {
    assert.equal(quickFixTitle('Adds instead of subtracting. The caller expects a - b.'), 'Triage: fix “Adds instead of subtracting”');
  });

  it('shortens a long message to 70 characters with an ellipsis', () => {
    const title = quickFixTitle(`Off by one ${'x'.repeat(100)}`);
    assert.equal(title, `Triage: fix “Off by one ${'x'.repeat(58)}…”`);
  });

  it('falls back to a plain title for an empty message', () => {
    assert.equal(quickFixTitle('  '), 'Triage: apply the suggested fix');
  });
});
