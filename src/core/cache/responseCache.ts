// The exact response cache: TTL, LRU bound and corrupt-entry handling over a CacheStore; never breaks a request.

import type { CacheStore, Clock, Logger } from '../ports';
import { CACHE_ENTRY_VERSION, parseCacheEntry } from './cacheEntry';
import type { CacheEntry } from './cacheEntry';

/**
 * Default time to live (`triage.cache.ttlMinutes`): one working day. The key holds the selection byte for byte, so
 * a hit never answers about code that has changed; what can go stale is the models behind a pool (a new model
 * version under the same name), and a day bounds that while still catching the repeats of a day's work.
 */
export const DEFAULT_CACHE_TTL_MINUTES = 24 * 60;

/** Entries kept before the least recently used go; entries are a few KB each, so this stays a few MB. */
export const DEFAULT_CACHE_MAX_ENTRIES = 500;

/** What is stored for one answer (the version and key are added by the cache). */
export type CacheValue = Omit<CacheEntry, 'v' | 'key'>;

export class ResponseCache {
  constructor(
    private readonly store: CacheStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly maxEntries = DEFAULT_CACHE_MAX_ENTRIES,
  ) {}

  /** The entry under `key` if it is well-formed and younger than `ttlMs`; a corrupt or expired entry is removed. */
  async lookup(key: string, ttlMs: number): Promise<CacheEntry | undefined> {
    if (!(ttlMs > 0)) return undefined;
    let text: string | undefined;
    try {
      text = await this.store.read(key);
    } catch (error) {
      this.logger.warn(`response cache read failed: ${String(error)}`);
      return undefined;
    }
    if (text === undefined) return undefined;
    const entry = parseCacheEntry(text, key);
    const now = this.clock.now();
    if (!entry) this.logger.warn('response cache: a corrupt entry was dropped');
    // An entry from the future (the clock moved back) is treated as expired rather than trusted for longer.
    if (!entry || now - entry.storedAt >= ttlMs || entry.storedAt > now) {
      await this.quietly('remove', () => this.store.remove(key));
      return undefined;
    }
    await this.quietly('touch', () => this.store.touch(key, now));
    return entry;
  }

  /** Stores an answer under `key`, then evicts the least recently used entries beyond the bound. */
  async save(key: string, value: CacheValue): Promise<void> {
    const entry: CacheEntry = { v: CACHE_ENTRY_VERSION, key, ...value };
    await this.quietly('write', () => this.store.write(key, JSON.stringify(entry)));
    await this.quietly('eviction', () => this.evict());
  }

  /** Removes every entry (command `Triage: Clear Response Cache`). */
  clear(): Promise<void> {
    return this.store.clear();
  }

  private async evict(): Promise<void> {
    const keys = await this.store.list();
    if (keys.length <= this.maxEntries) return;
    const oldest = [...keys].sort((a, b) => a.usedAt - b.usedAt).slice(0, keys.length - this.maxEntries);
    for (const { key } of oldest) await this.store.remove(key);
  }

  /** A cache failure costs a paid call at worst, never the request: log and go on. */
  private async quietly(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.logger.warn(`response cache ${what} failed: ${String(error)}`);
    }
  }
}
