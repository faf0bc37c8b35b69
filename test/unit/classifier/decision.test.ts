// The cost-aware decision: expected loss with under-routing costing `margin` per step.

import * as assert from 'node:assert/strict';
import { decidePool, expectedLosses, routingLoss } from '../../../src/core/classifier/decision';

describe('cost-aware decision', () => {
  it('charges margin per step below and one per step above', () => {
    assert.equal(routingLoss(3, 1, 2), 4);
    assert.equal(routingLoss(1, 3, 2), 2);
    assert.equal(routingLoss(2, 2, 5), 0);
  });

  it('picks the most probable pool when it is clear', () => {
    assert.equal(decidePool([0.05, 0.85, 0.05, 0.05], 2), 'quick');
  });

  it('moves a borderline request up as the margin grows', () => {
    assert.equal(decidePool([0.55, 0.0, 0.45, 0.0], 1), 'local');
    assert.equal(decidePool([0.55, 0.0, 0.45, 0.0], 3), 'coding');
  });

  it('never goes below the cheapest pool with any mass when under-routing is expensive', () => {
    assert.equal(decidePool([0.7, 0.0, 0.0, 0.3], 10), 'reasoning');
  });

  it('computes expected losses per pool', () => {
    const losses = expectedLosses([0, 0, 1, 0], 2);
    assert.deepEqual(losses, [4, 2, 0, 1]);
  });

  it('breaks ties toward the cheaper pool', () => {
    assert.equal(decidePool([0.5, 0.5, 0, 0], 1), 'local');
  });
});
