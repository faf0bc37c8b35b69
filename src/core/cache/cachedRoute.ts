// What the router asks of the exact cache: which requests may use it, a hit as a RouteResult, what a result stores.

import type { Classification } from '../classifier/classification';
import type { PoolsConfig } from '../pools/poolsConfig';
import type { TokenUsage } from '../ports';
import { baselineCost } from '../pricing/pricing';
import type { PricingConfig } from '../pricing/pricing';
import { poolRank } from '../request';
import type { PoolName, TriageRequest } from '../request';
import type { Notice, RouteResult } from '../routeTypes';
import { cacheKeyFor } from './cacheKey';
import type { CacheEntry } from './cacheEntry';
import type { CacheValue } from './responseCache';

const ZERO: TokenUsage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };

/**
 * The key for a request that may use the cache, else undefined: a request holding a secret is never stored (the
 * cache must never hold secrets), a "stronger model" retry asked for a different answer than the one stored, and
 * a request with tools or parts is keyed by more than its text.
 */
export function cacheableKey(request: TriageRequest, sensitive: boolean, pool: PoolName, pools: PoolsConfig): string | undefined {
  if (sensitive || request.avoidModels !== undefined || carriesParts(request)) return undefined;
  return cacheKeyFor(request, pool, pools);
}

/**
 * A request with tools, tool calls or results, or images (VS Code's language model requests, agent loops): the key
 * holds text only, and a stored answer would replay old tool calls against a workspace that has moved on.
 */
function carriesParts(request: TriageRequest): boolean {
  return (request.tools?.length ?? 0) > 0 || request.parts !== undefined || (request.conversation ?? []).some((m) => m.parts !== undefined);
}

/** A hit as the editor sees it: the stored answer at $0, with the baseline priced on the original tokens so savings show. */
export function resultFromCache(
  entry: CacheEntry,
  classification: Classification,
  pricing: PricingConfig,
  startedAt: number,
  latencyMs: number,
  notices: readonly Notice[],
): RouteResult {
  return {
    text: entry.text,
    ...(entry.answer ? { answer: entry.answer } : {}),
    classification,
    attempts: [],
    servedBy: entry.servedBy,
    servedPool: entry.servedPool,
    usage: ZERO,
    costMicros: 0,
    unpriced: false,
    baselineMicros: baselineCost(pricing, entry.usage, startedAt),
    outcome: 'ok',
    ttftMs: latencyMs,
    latencyMs,
    escalated: false,
    budgetDowngraded: false,
    notices,
    cached: true,
    cacheSavedMicros: entry.costMicros,
  };
}

/**
 * What to store for a finished request, or undefined. Only answers at least as strong as the pool chosen are kept:
 * a budget downgrade or the local fallback after the cloud failed is a stop-gap, and serving it again for a day
 * would repeat the weaker answer after the cause is gone.
 */
export function cacheValueFrom(result: RouteResult, startPool: PoolName, storedAt: number): CacheValue | undefined {
  if (result.outcome !== 'ok' || !result.servedBy || !result.servedPool || result.budgetDowngraded) return undefined;
  const served = result.servedPool === 'fallback' ? (startPool === 'local' ? 'local' : undefined) : result.servedPool;
  if (served === undefined || poolRank(served) < poolRank(startPool)) return undefined;
  const okAttempt = result.attempts.find((a) => a.outcome === 'ok' && a.model === result.servedBy);
  return {
    text: result.text,
    ...(result.answer ? { answer: result.answer } : {}),
    servedBy: result.servedBy,
    servedPool: result.servedPool,
    usage: okAttempt?.usage ?? result.usage,
    costMicros: result.costMicros,
    storedAt,
  };
}
