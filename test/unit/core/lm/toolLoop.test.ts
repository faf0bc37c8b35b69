// Agent loops: the user's turn is what gets classified, and tool results return to the model that made the calls.
import * as assert from 'node:assert/strict';
import { ToolLoopPins, userTurnText, type LoopMessage } from '../../../../src/core/lm/toolLoop';

const loop: LoopMessage[] = [
  { role: 'user', text: 'rename foo to bar across the project' },
  { role: 'assistant', text: '', toolCallIds: ['c1', 'c2'] },
  { role: 'user', text: '', toolResultIds: ['c1', 'c2'] },
];

describe('core/lm/toolLoop', () => {
  it('classifies the user turn, not the tool results that follow it', () => {
    assert.equal(userTurnText(loop), 'rename foo to bar across the project');
    assert.equal(userTurnText([...loop, { role: 'assistant', text: 'done' }, { role: 'user', text: 'now explain it' }]), 'now explain it');
    assert.equal(userTurnText([]), '');
  });

  it('keeps the loop on the model that made the calls', () => {
    const pins = new ToolLoopPins();
    pins.remember('anthropic:sonnet', ['c1', 'c2']);
    assert.equal(pins.pinned(loop), 'anthropic:sonnet');
  });

  it('does not pin a fresh user turn, or results for calls it never saw', () => {
    const pins = new ToolLoopPins();
    pins.remember('anthropic:sonnet', ['c1']);
    assert.equal(pins.pinned([{ role: 'user', text: 'hi' }]), undefined);
    assert.equal(pins.pinned([{ role: 'user', text: '', toolResultIds: ['other'] }]), undefined);
  });

  it('lets the loop move on once the pinned model failed', () => {
    const pins = new ToolLoopPins();
    pins.remember('anthropic:sonnet', ['c1', 'c2']);
    pins.release('anthropic:sonnet');
    assert.equal(pins.pinned(loop), undefined);
  });

  it('forgets the oldest calls beyond its capacity', () => {
    const pins = new ToolLoopPins(2);
    pins.remember('a:x', ['c1']);
    pins.remember('b:y', ['c2', 'c3']);
    assert.equal(pins.pinned([{ role: 'user', text: '', toolResultIds: ['c1'] }]), undefined);
    assert.equal(pins.pinned([{ role: 'user', text: '', toolResultIds: ['c3'] }]), 'b:y');
  });
});
