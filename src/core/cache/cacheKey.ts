// The exact cache's key: everything that decides an answer, canonicalised and hashed without node:crypto.

import type { PoolsConfig } from '../pools/poolsConfig';
import { formatModelRef } from '../request';
import type { PoolName, TriageRequest } from '../request';

/** Bump when prompts or answer parsing change, so answers made under the old ones are never served. */
export const CACHE_PROMPT_VERSION = 1;

/**
 * The canonical text of what decides the answer: kind, instruction, selection (byte-identical), language, code
 * around the cursor, conversation, the pool chosen and its models (a settings change misses), the prompt version.
 */
export function canonicalCacheKey(request: TriageRequest, pool: PoolName, pools: PoolsConfig): string {
  return JSON.stringify([
    CACHE_PROMPT_VERSION,
    request.kind,
    request.instruction,
    request.selection ?? null,
    request.languageId ?? null,
    request.aroundCursor ? [request.aroundCursor.before, request.aroundCursor.after] : null,
    (request.conversation ?? []).map((m) => [m.role, m.content]),
    request.maxOutputTokens ?? null,
    pool,
    pools.pools[pool].map(formatModelRef),
    formatModelRef(pools.fallback),
  ]);
}

/**
 * The key's name: two independent 32-bit hashes (FNV-1a and a Murmur3-style mix, different seeds) plus the
 * canonical text's length. A false match needs both hashes and the length to collide (about 2^-64 per pair).
 * Safe as a file name: hex digits and a dash only.
 */
export function cacheKeyHash(canonical: string): string {
  return `${hex(fnv1a(canonical))}${hex(murmurMix(canonical))}-${canonical.length.toString(36)}`;
}

/** The key for a request routed to `pool` under these pools. */
export function cacheKeyFor(request: TriageRequest, pool: PoolName, pools: PoolsConfig): string {
  return cacheKeyHash(canonicalCacheKey(request, pool, pools));
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** FNV-1a over UTF-16 code units (every code unit counts, so byte-identical text is what matches). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A Murmur3-style per-unit mix with its own seed and finaliser, independent of FNV's. */
function murmurMix(text: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= text.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
