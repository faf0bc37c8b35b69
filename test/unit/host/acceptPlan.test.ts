// host/acceptPlan.ts: Accept applies exactly one replacement to an unchanged document, and nothing to a changed or gone one.

import { strict as assert } from 'node:assert';
import { acceptPlan, proposedText } from '../../../src/host/acceptPlan';

/** Ranges as [start, end) offsets into a plain string document. */
type Span = readonly [number, number];

function documentAt(text: string, version: number) {
  return { version, getText: ([start, end]: Span) => text.slice(start, end) };
}

const text = 'function add(a, b) {\n  return a + b;\n}\n';
const range: Span = [9, 12];
const proposal = { range, original: 'add', version: 3, replacement: 'sum' };

describe('host/acceptPlan: the edit proposal decisions', () => {
  it('applies to the unchanged document as one replacement of the original range (a single undo step)', () => {
    const plan = acceptPlan(proposal, documentAt(text, 3));
    assert.deepEqual(plan, { kind: 'apply', edits: [{ range, text: 'sum' }] });
  });

  it('an insert at the cursor (empty range) is one replacement too', () => {
    const insert = { range: [39, 39] as Span, original: '', version: 3, replacement: 'function median() {}\n' };
    assert.deepEqual(acceptPlan(insert, documentAt(text, 3)), { kind: 'apply', edits: [{ range: [39, 39], text: 'function median() {}\n' }] });
  });

  it('is stale once the document version moved, or when the text under the range differs', () => {
    assert.deepEqual(acceptPlan(proposal, documentAt(text, 4)), { kind: 'stale', reason: 'edited' });
    assert.deepEqual(acceptPlan(proposal, documentAt(text.replace('add', 'plus'), 3)), { kind: 'stale', reason: 'edited' });
  });

  it('is stale when the document is gone', () => {
    assert.deepEqual(acceptPlan(proposal, undefined), { kind: 'stale', reason: 'gone' });
  });

  it('the diff shows the whole document with only the range replaced', () => {
    assert.equal(proposedText(text, 9, 12, 'sum'), 'function sum(a, b) {\n  return a + b;\n}\n');
    assert.equal(proposedText('ab', 1, 1, 'X'), 'aXb');
    assert.equal(proposedText('abc', 0, 3, ''), '');
  });
});
