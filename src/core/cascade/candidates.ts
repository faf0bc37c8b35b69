// Builds the ordered candidate lists the cascade walks: up from a pool, down for budget, or local only.

import { POOLS, poolRank } from '../request';
import type { ModelRef, PoolName } from '../request';
import type { PoolsConfig } from '../pools/poolsConfig';
import type { CandidatePool } from './attemptRecord';

/** One model the cascade may try, and the pool it was taken from. */
export interface Candidate {
  readonly ref: ModelRef;
  readonly pool: CandidatePool;
}

function poolCandidates(config: PoolsConfig, pools: readonly PoolName[]): Candidate[] {
  const out: Candidate[] = pools.flatMap((pool) => config.pools[pool].map((ref) => ({ ref, pool })));
  out.push({ ref: config.fallback, pool: 'fallback' });
  return out;
}

/** `from`'s models, then each higher pool's (escalation), then the local fallback. */
export function upwardChain(config: PoolsConfig, from: PoolName): Candidate[] {
  return poolCandidates(config, POOLS.slice(poolRank(from)));
}

/** Each pool below `below`, nearest first (budget downgrade), then the local fallback. */
export function downwardChain(config: PoolsConfig, below: CandidatePool): Candidate[] {
  const rank = below === 'fallback' ? 0 : poolRank(below);
  return poolCandidates(config, POOLS.slice(0, rank).reverse());
}

/** The local pool, then the fallback. */
export function localChain(config: PoolsConfig): Candidate[] {
  return poolCandidates(config, ['local']);
}
