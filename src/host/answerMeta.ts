// Turns a router result into what the chat shows under an answer. No vscode import.
import type { PoolsConfig } from '../core/pools/poolsConfig';
import { formatModelRef, isPoolName, POOLS, poolRank, type PoolName } from '../core/request';
import type { RouteResult } from '../core/routeTypes';
import type { AnswerMetaView } from '../shared/protocol';

/** The pool that answered: the final fallback runs locally. */
export function servedPool(result: RouteResult): PoolName {
  const pool = result.servedPool;
  if (pool === 'fallback') return 'local';
  return pool && isPoolName(pool) ? pool : result.classification.pool;
}

/** The next pool up, or undefined at the top. */
export function strongerPool(pool: PoolName): PoolName | undefined {
  return POOLS[POOLS.indexOf(pool) + 1];
}

/** Where "ask a stronger model" sends a question again. */
export interface StrongerRetry {
  /** The next pool up from the one that answered; the top pool stays where it is. */
  readonly pool: PoolName;
  /** Every model that has answered this question so far: the retry passes over them. */
  readonly avoidModels: readonly string[];
}

/**
 * The retry for an answer from `served` after `answeredBy` answered, or undefined when no other model is
 * configured in that pool or above (asking again would only reach the local fallback).
 */
export function strongerRetry(pools: PoolsConfig, served: PoolName, answeredBy: readonly string[]): StrongerRetry | undefined {
  const pool = strongerPool(served) ?? served;
  const avoidModels = [...new Set(answeredBy)];
  const untried = POOLS.slice(poolRank(pool)).some((p) => pools.pools[p].some((ref) => !avoidModels.includes(formatModelRef(ref))));
  return untried ? { pool, avoidModels } : undefined;
}

/** Models that answered `request` and its earlier stronger retries, for the next retry to avoid. */
export function answeredModels(result: RouteResult, avoidedBefore: readonly string[] = []): string[] {
  return result.servedBy ? [...avoidedBefore, result.servedBy] : [...avoidedBefore];
}

/** Meta line data for an answer; `strongerAvailable` says whether "ask a stronger model" can go anywhere. */
export function answerMeta(result: RouteResult, demo: boolean, strongerAvailable = false): AnswerMetaView {
  const c = result.classification;
  return {
    pool: servedPool(result),
    model: result.servedBy ?? '—',
    costMicros: result.costMicros,
    unpriced: result.unpriced,
    latencyMs: result.latencyMs,
    reason: c.reason,
    source: c.source,
    confidence: c.confidence,
    attempts: result.attempts.map((a) => ({
      model: a.model,
      pool: a.pool === 'fallback' ? 'local' : a.pool,
      outcome: a.outcome,
      ms: a.ms,
    })),
    demo,
    strongerAvailable,
  };
}
