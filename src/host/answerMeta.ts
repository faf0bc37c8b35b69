// Turns a router result into what the chat shows under an answer. No vscode import.
import { isPoolName, POOLS, type PoolName } from '../core/request';
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

/** Meta line data for an answer. */
export function answerMeta(result: RouteResult, demo: boolean): AnswerMetaView {
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
  };
}
