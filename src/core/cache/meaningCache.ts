// The meaning cache: a chat question without code context that means the same as one answered before gets that answer.

import type { CacheStore, Clock, Logger, TextEmbedder } from '../ports';
import type { PoolsConfig } from '../pools/poolsConfig';
import type { PoolName, TriageRequest } from '../request';
import { cacheKeyFor } from './cacheKey';
import { MEANING_INDEX_VERSION, nearest, parseMeaningIndex, quantize, unitVector } from './meaningIndex';
import type { MeaningEntry, MeaningIndexFile } from './meaningIndex';

/**
 * Default cosine threshold (`triage.cache.meaning.threshold`). A wrong cached answer is worse than a paid one, so it is
 * set high; bench/meaningThreshold.ts picks it on labelled question pairs for the model in use (see bench/README.md).
 */
export const DEFAULT_MEANING_THRESHOLD = 0.95;
/** Default embedding model (`triage.cache.meaning.model`); empty turns the meaning cache off. */
export const DEFAULT_MEANING_MODEL = 'nomic-embed-text';
/** Questions kept in the index (~3 KB each at 768 dimensions): older ones go first. */
export const DEFAULT_MEANING_MAX_ENTRIES = 200;
/** Where the index lives in its store. */
export const MEANING_INDEX_KEY = 'meaning-index';
/** After the embedding model failed (Ollama down, model not pulled), how long the meaning cache stays off. */
export const MEANING_OFF_AFTER_FAILURE_MS = 10 * 60_000;
/** The longest question embedded: a longer one is rarely a repeat, and its embedding would cost more than it saves. */
export const MEANING_MAX_CHARS = 2000;

/**
 * Only a first question with no code context: a selection or code around the cursor makes the answer depend on that
 * code (the exact cache handles it byte for byte), a follow-up depends on the turns before it, and a secret is never
 * embedded or stored. A stronger-model retry asked for a different answer.
 */
export function meaningEligible(request: TriageRequest, sensitive: boolean): boolean {
  return (
    request.kind === 'chat' &&
    !sensitive &&
    (request.selection ?? '') === '' &&
    request.aroundCursor === undefined &&
    (request.conversation ?? []).length === 0 &&
    request.followsPool === undefined &&
    request.avoidModels === undefined &&
    request.instruction.trim() !== '' &&
    request.instruction.length <= MEANING_MAX_CHARS
  );
}

/** Everything that decides the answer except the wording: the same pool, models, output bound and prompt version. */
export function meaningContextKey(request: TriageRequest, pool: PoolName, pools: PoolsConfig): string {
  return cacheKeyFor({ ...request, instruction: '' }, pool, pools);
}

/** A question's vector, ready to look up and to remember. */
export interface MeaningQuery {
  readonly contextKey: string;
  readonly model: string;
  readonly unit: readonly number[];
}

export class MeaningCache {
  private offUntil = 0;

  constructor(
    private readonly store: CacheStore,
    private readonly embedder: TextEmbedder,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly maxEntries = DEFAULT_MEANING_MAX_ENTRIES,
  ) {}

  /** Embeds the question with the local model; undefined when that fails (then off for a while: no wait per request). */
  async query(instruction: string, contextKey: string, model: string, signal: AbortSignal): Promise<MeaningQuery | undefined> {
    if (this.clock.now() < this.offUntil || signal.aborted) return undefined;
    try {
      const [vector] = await this.embedder.embed(model, [instruction], signal);
      const unit = vector ? unitVector(vector) : undefined;
      if (!unit) throw new Error('the embedding came back empty');
      return { contextKey, model, unit };
    } catch (error) {
      if (signal.aborted) return undefined;
      this.offUntil = this.clock.now() + MEANING_OFF_AFTER_FAILURE_MS;
      this.logger.warn(`meaning cache off for ${MEANING_OFF_AFTER_FAILURE_MS / 60_000} minutes: embedding model "${model}" failed (${String(error)})`);
      return undefined;
    }
  }

  /** Exact-cache keys of stored questions meaning the same (similarity ≥ threshold), best first. */
  async matches(query: MeaningQuery, threshold: number): Promise<{ readonly exactKey: string; readonly similarity: number }[]> {
    const entries = await this.entries();
    return nearest(entries, query.unit, query.contextKey, query.model, threshold).map((m) => ({ exactKey: m.entry.exactKey, similarity: m.similarity }));
  }

  /** Adds a question whose answer is now in the exact cache under `exactKey`; the oldest go beyond the bound. */
  async remember(exactKey: string, query: MeaningQuery): Promise<void> {
    await this.update((entries) => {
      const entry: MeaningEntry = { exactKey, contextKey: query.contextKey, model: query.model, q: quantize(query.unit), storedAt: this.clock.now() };
      const kept = entries.filter((e) => e.exactKey !== exactKey);
      return [...kept, entry].sort((a, b) => a.storedAt - b.storedAt).slice(-this.maxEntries);
    });
  }

  /** Drops the questions pointing at an answer the exact cache no longer has (expired, evicted, corrupt). */
  async forget(exactKeys: readonly string[]): Promise<void> {
    if (exactKeys.length > 0) await this.update((entries) => entries.filter((e) => !exactKeys.includes(e.exactKey)));
  }

  private async entries(): Promise<MeaningEntry[]> {
    try {
      return parseMeaningIndex(await this.store.read(MEANING_INDEX_KEY));
    } catch (error) {
      this.logger.warn(`meaning cache read failed: ${String(error)}`);
      return [];
    }
  }

  /**
   * Read, change, write whole (the store's write is atomic). Two windows writing at once can lose one's addition:
   * that question is then a miss and is added again next time, never a wrong answer.
   */
  private async update(change: (entries: MeaningEntry[]) => MeaningEntry[]): Promise<void> {
    try {
      const file: MeaningIndexFile = { v: MEANING_INDEX_VERSION, entries: change(await this.entries()) };
      await this.store.write(MEANING_INDEX_KEY, JSON.stringify(file));
    } catch (error) {
      this.logger.warn(`meaning cache write failed: ${String(error)}`);
    }
  }
}
