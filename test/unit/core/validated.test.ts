// Settings values in problem messages: strings quoted, anything else as JSON (or its String when JSON has none), long
// ones cut to 60 characters; and what counts as a plain object.

import * as assert from 'node:assert/strict';
import { describeValue, isRecord } from '../../../src/core/validated';

describe('validated settings values', () => {
  it('quotes a string and names undefined', () => {
    assert.equal(describeValue('gpt5'), "'gpt5'");
    assert.equal(describeValue(undefined), 'undefined');
  });

  it('shows other values as JSON, or as String where JSON has none or throws', () => {
    assert.equal(describeValue({ a: 1 }), '{"a":1}');
    assert.equal(describeValue([1, 'x']), '[1,"x"]');
    assert.equal(describeValue(null), 'null');
    assert.equal(describeValue(Symbol('k')), 'Symbol(k)');
    assert.equal(describeValue(12n), '12');
  });

  it('cuts a value longer than 60 characters to 57 and an ellipsis; 60 stay whole', () => {
    const sixty = `'${'a'.repeat(58)}'`;
    assert.equal(describeValue('a'.repeat(58)), sixty);
    assert.equal(describeValue('b'.repeat(59)), `'${'b'.repeat(56)}…`);
    assert.equal(describeValue('b'.repeat(59)).length, 58);
  });

  it('a plain object is a record; null and arrays are not', () => {
    assert.equal(isRecord({}), true);
    assert.equal(isRecord(null), false);
    assert.equal(isRecord([]), false);
    assert.equal(isRecord('x'), false);
  });
});
