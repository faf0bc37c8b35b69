// The cost-aware decision: pick the pool with the least expected loss, where under-routing costs more.

import { POOLS, type PoolName } from '../request';

/** Margin used when weights.json carries none; the shipped default is tuned by `npm run train`. */
export const FALLBACK_DECISION_MARGIN = 2;

/**
 * Loss of serving a request whose true pool has rank `truth` from the pool of rank `chosen`:
 * one unit per step above, `margin` units per step below (a weak answer costs a retry).
 */
export function routingLoss(truth: number, chosen: number, margin: number): number {
  return chosen < truth ? margin * (truth - chosen) : chosen - truth;
}

/** Expected loss of each pool under the given class probabilities (POOLS order). */
export function expectedLosses(probabilities: ArrayLike<number>, margin: number): number[] {
  return POOLS.map((_, chosen) => {
    let loss = 0;
    for (let truth = 0; truth < POOLS.length; truth++) loss += (probabilities[truth] as number) * routingLoss(truth, chosen, margin);
    return loss;
  });
}

/**
 * The pool minimising expected loss. With margin 1 this is close to the most probable
 * pool; larger margins move borderline requests up to a stronger pool. Ties go to the cheaper pool.
 */
export function decidePool(probabilities: ArrayLike<number>, margin: number): PoolName {
  const losses = expectedLosses(probabilities, margin);
  let best = 0;
  for (let i = 1; i < losses.length; i++) if ((losses[i] as number) < (losses[best] as number) - 1e-12) best = i;
  return POOLS[best] as PoolName;
}

/** Probabilities as a record keyed by pool. */
export function probabilityRecord(probabilities: ArrayLike<number>): Record<PoolName, number> {
  return {
    local: probabilities[0] as number,
    quick: probabilities[1] as number,
    coding: probabilities[2] as number,
    reasoning: probabilities[3] as number,
  };
}
