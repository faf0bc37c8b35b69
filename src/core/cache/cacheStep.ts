// The router's two cache steps: look a request up before the cascade (exact, then by meaning), store its answer after.

import type { Classification } from '../classifier/classification';
import type { Logger } from '../ports';
import type { DetectSensitiveAsync } from '../privacyCheck';
import type { PoolName, TriageRequest } from '../request';
import type { Notice, RouteResult } from '../routeTypes';
import type { RouterSettings } from '../router';
import { cacheableKey, cacheValueFrom, resultFromCache } from './cachedRoute';
import { DEFAULT_MEANING_THRESHOLD, meaningContextKey, meaningEligible } from './meaningCache';
import type { MeaningCache, MeaningQuery } from './meaningCache';
import { DEFAULT_CACHE_TTL_MINUTES } from './responseCache';
import type { ResponseCache } from './responseCache';

/** Meaning matches tried before giving up (each costs one exact-cache read; a stale one is dropped from the index). */
const MEANING_CANDIDATES = 3;

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
  readonly sensitive: boolean;
  readonly startedAt: number;
  readonly now: () => number;
  readonly notices: readonly Notice[];
  readonly signal: AbortSignal;
}

/** A lookup's outcome: the hit if any, and the question's vector when the meaning cache may remember it. */
export interface CacheLookup {
  readonly hit?: RouteResult;
  readonly meaning?: MeaningQuery;
}

/** The caches the router has. */
export interface RouterCaches {
  readonly exact: ResponseCache;
  readonly meaning?: MeaningCache;
}

/**
 * The stored answer for `key` as a $0 result; else, for a chat question without code context, one stored for a
 * question meaning the same. A `fresh` request never looks (but its vector is kept, to remember its new answer).
 */
export async function lookUp(caches: RouterCaches, key: string, request: TriageRequest, context: HitContext): Promise<CacheLookup> {
  const ttl = cacheTtlMs(context.settings);
  const exact = request.fresh ? undefined : await caches.exact.lookup(key, ttl);
  if (exact) return { hit: asResult(exact, context, 'exact') };
  const model = context.settings.meaningModel ?? '';
  if (!caches.meaning || model === '' || !meaningEligible(request, context.sensitive)) return {};
  const contextKey = meaningContextKey(request, context.classification.pool, context.settings.pools);
  const query = await caches.meaning.query(request.instruction, contextKey, model, context.signal);
  if (!query || request.fresh) return query ? { meaning: query } : {};
  const stale: string[] = [];
  let hit: RouteResult | undefined;
  for (const match of (await caches.meaning.matches(query, context.settings.meaningThreshold ?? DEFAULT_MEANING_THRESHOLD)).slice(0, MEANING_CANDIDATES)) {
    const entry = await caches.exact.lookup(match.exactKey, ttl);
    if (entry) {
      hit = asResult(entry, context, 'meaning');
      break;
    }
    stale.push(match.exactKey);
  }
  await caches.meaning.forget(stale);
  return hit ? { hit, meaning: query } : { meaning: query };
}

function asResult(entry: Parameters<typeof resultFromCache>[0], context: HitContext, match: 'exact' | 'meaning'): RouteResult {
  const { classification, settings, startedAt, notices } = context;
  const result = resultFromCache(entry, classification, settings.pricing, startedAt, context.now() - startedAt, notices);
  return match === 'meaning' ? { ...result, cacheMatch: 'meaning' } : result;
}

/**
 * Stores a usable answer (and its question's vector for the meaning cache). The request held no secret (such requests
 * get no key), and the answer is scanned too: a model can echo or invent something key-shaped, and the cache must
 * never hold one.
 */
export async function storeAnswer(
  caches: RouterCaches,
  key: string,
  lookup: CacheLookup,
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
  await caches.exact.save(key, value);
  if (lookup.meaning && caches.meaning) await caches.meaning.remember(key, lookup.meaning);
}
