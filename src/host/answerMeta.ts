// Turns a router result into what the chat shows under an answer. No vscode import.
import type { PoolsConfig } from '../core/pools/poolsConfig';
import type { PriceTable } from '../core/pricing/price';
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
  /** Models the retry passes over: every one that has answered, and every one priced below the last answer's. */
  readonly avoidModels: readonly string[];
}

/** What the last answer to a question was, for finding a stronger model. */
export interface AnsweredQuestion {
  readonly pool: PoolName;
  /** Every model that has answered this question so far, the last one last. */
  readonly answeredBy: readonly string[];
}

/**
 * The retry for `answered`, or undefined when no stronger model is configured in the next pool up or above.
 * Within a pool the order is cheapest-first, not strongest-first, so strength is judged by list price: a
 * model whose output price is below the last answer's is passed over (a model without a price is kept).
 */
export function strongerRetry(pools: PoolsConfig, prices: PriceTable, answered: AnsweredQuestion): StrongerRetry | undefined {
  const pool = strongerPool(answered.pool) ?? answered.pool;
  const last = answered.answeredBy[answered.answeredBy.length - 1];
  const floor = last === undefined ? 0 : (prices[last]?.output ?? 0);
  const candidates = [...new Set(POOLS.slice(poolRank(pool)).flatMap((p) => pools.pools[p].map(formatModelRef)))];
  const weaker = candidates.filter((ref) => (prices[ref]?.output ?? floor) < floor);
  const avoidModels = [...new Set([...answered.answeredBy, ...weaker])];
  return candidates.some((ref) => !avoidModels.includes(ref)) ? { pool, avoidModels } : undefined;
}

/** Models that answered a question and its earlier stronger retries (`before`), the latest last. */
export function answeredModels(result: RouteResult, before: readonly string[] = []): string[] {
  return result.servedBy ? [...before.filter((m) => m !== result.servedBy), result.servedBy] : [...before];
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
    routedPool: c.pool,
    ...(result.cached ? { cached: true } : {}),
    ...(result.cacheMatch ? { cacheMatch: result.cacheMatch } : {}),
    ...(result.compaction ? { historySummary: { summary: result.compaction.summary, turns: result.compaction.turnsSummarised } } : {}),
  };
}
