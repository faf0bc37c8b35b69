// The router's two cache steps: look a request up before the cascade, store its answer after (never one holding a secret).

import type { Classification } from '../classifier/classification';
import type { Logger } from '../ports';
import type { DetectSensitiveAsync } from '../privacyCheck';
import type { PoolName, TriageRequest } from '../request';
import type { Notice, RouteResult } from '../routeTypes';
import type { RouterSettings } from '../router';
import { cacheableKey, cacheValueFrom, resultFromCache } from './cachedRoute';
import { DEFAULT_CACHE_TTL_MINUTES } from './responseCache';
import type { ResponseCache } from './responseCache';

/** Time to live in ms from the settings; 0 turns the cache off. */
export function cacheTtlMs(settings: RouterSettings): number {
  return (settings.cacheTtlMinutes ?? DEFAULT_CACHE_TTL_MINUTES) * 60_000;
}

/** The exact key of a request that may use the cache; off without a cache, at TTL 0 and in demo mode (a fake's answer must never be served once demo is off). */
export function cacheKeyOf(
  cache: ResponseCache | undefined,
  request: TriageRequest,
  sensitive: boolean,
  pool: PoolName,
  settings: RouterSettings,
): string | undefined {
  if (!cache || settings.demo === true || cacheTtlMs(settings) <= 0) return undefined;
  return cacheableKey(request, sensitive, pool, settings.pools);
}

/** What a lookup needs besides the key. */
export interface HitContext {
  readonly classification: Classification;
  readonly settings: RouterSettings;
  readonly startedAt: number;
  readonly now: () => number;
  readonly notices: readonly Notice[];
}

/** The stored answer for `key` as a $0 result, or undefined on a miss. A `fresh` request never looks. */
export async function cachedAnswer(cache: ResponseCache, key: string, request: TriageRequest, context: HitContext): Promise<RouteResult | undefined> {
  if (request.fresh) return undefined;
  const entry = await cache.lookup(key, cacheTtlMs(context.settings));
  if (!entry) return undefined;
  const { classification, settings, startedAt, notices } = context;
  return resultFromCache(entry, classification, settings.pricing, startedAt, context.now() - startedAt, notices);
}

/**
 * Stores a usable answer. The request held no secret (such requests get no key), and the answer is scanned too: a
 * model can echo or invent something key-shaped, and the cache must never hold one.
 */
export async function storeAnswer(
  cache: ResponseCache,
  key: string,
  result: RouteResult,
  startPool: PoolName,
  detect: DetectSensitiveAsync,
  storedAt: number,
  logger: Logger,
): Promise<void> {
  const value = cacheValueFrom(result, startPool, storedAt);
  if (!value) return;
  const texts = [value.text, ...(value.answer?.kind === 'edit' ? [value.answer.replacement] : [])];
  for (const text of texts) {
    if ((await detect(text)).length > 0) {
      logger.info('response cache: an answer holding something secret-shaped was not stored');
      return;
    }
  }
  await cache.save(key, value);
}
