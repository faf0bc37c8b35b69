// Recent edit instructions are kept newest first, deduplicated and bounded; the picker always offers what was typed.
import * as assert from 'node:assert/strict';
import {
  instructionArgument,
  instructionChoices,
  MAX_RECENT_INSTRUCTIONS,
  readRecentInstructions,
  rememberInstruction,
} from '../../../src/host/recentInstructions';

describe('host/recentInstructions', () => {
  it('puts the newest instruction first and removes its older copy', () => {
    assert.deepEqual(rememberInstruction(['b', 'a'], 'a'), ['a', 'b']);
    assert.deepEqual(rememberInstruction([], '  rename add to sum '), ['rename add to sum']);
  });

  it('keeps at most ten', () => {
    const many = Array.from({ length: 12 }, (_, i) => `i${i}`);
    const kept = rememberInstruction(many, 'new');
    assert.equal(kept.length, MAX_RECENT_INSTRUCTIONS);
    assert.equal(kept[0], 'new');
  });

  it('ignores a blank instruction', () => {
    assert.deepEqual(rememberInstruction(['a'], '   '), ['a']);
  });

  it('reads only a list of non-empty strings from stored state', () => {
    assert.deepEqual(readRecentInstructions(undefined), []);
    assert.deepEqual(readRecentInstructions('a'), []);
    assert.deepEqual(readRecentInstructions(['a', 3, '', 'b']), ['a', 'b']);
  });

  it('offers the typed text first, then the recent instructions', () => {
    assert.deepEqual(instructionChoices('', ['x', 'y']).map((c) => c.label), ['x', 'y']);
    assert.deepEqual(instructionChoices('ren', ['rename add to sum']).map((c) => c.label), ['ren', 'rename add to sum']);
    assert.deepEqual(instructionChoices('x', ['x', 'y']).map((c) => c.label), ['x', 'y']);
  });

  it('takes an instruction only from an { instruction } argument', () => {
    assert.equal(instructionArgument({ instruction: ' rename ' }), 'rename');
    assert.equal(instructionArgument({ instruction: '' }), undefined);
    assert.equal(instructionArgument({ scheme: 'file', path: '/a.ts' }), undefined);
    assert.equal(instructionArgument('rename'), undefined);
    assert.equal(instructionArgument(undefined), undefined);
  });
});
