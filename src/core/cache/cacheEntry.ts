// One stored answer of the exact cache, and the check that reads it back (anything malformed is a miss).

import type { AcceptedAnswer } from '../cascade/answerCheck';
import type { CandidatePool } from '../cascade/attemptRecord';
import type { TokenUsage } from '../ports';
import { isPoolName } from '../request';
import { isRecord } from '../validated';

/** Bumped on an incompatible change of the entry's shape; other versions read as misses. */
export const CACHE_ENTRY_VERSION = 1;

/** What a cache hit gives back. Holds the answer text, never a request that held a secret. */
export interface CacheEntry {
  readonly v: typeof CACHE_ENTRY_VERSION;
  /** The key hash it was stored under; a file renamed or copied to another name reads as a miss. */
  readonly key: string;
  readonly text: string;
  readonly answer?: AcceptedAnswer;
  readonly servedBy: string;
  readonly servedPool: CandidatePool;
  /** Tokens the original answer was billed for (a hit bills none; the baseline is priced on these). */
  readonly usage: TokenUsage;
  /** What the original answer cost. */
  readonly costMicros: number;
  /** Clock ms when it was stored. */
  readonly storedAt: number;
}

/** Parses stored text; undefined when it is not a well-formed entry for `key`. */
export function parseCacheEntry(text: string, key: string): CacheEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isCacheEntry(value) && value.key === key ? value : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isUsage(value: unknown): boolean {
  return isRecord(value) && isCount(value.inputTokens) && isCount(value.cachedInputTokens) && isCount(value.outputTokens);
}

function isAnswer(value: unknown, text: unknown): boolean {
  if (!isRecord(value) || value.text !== text) return false;
  if (value.kind === 'chat') return true;
  if (value.kind === 'edit') return typeof value.replacement === 'string';
  if (value.kind !== 'review' || !isRecord(value.review)) return false;
  const { findings, summary } = value.review;
  return typeof summary === 'string' && Array.isArray(findings) && findings.every(isFinding);
}

function isFinding(value: unknown): boolean {
  return (
    isRecord(value) &&
    isCount(value.line) &&
    (value.severity === 'error' || value.severity === 'warning' || value.severity === 'info') &&
    typeof value.message === 'string' &&
    (value.fix === undefined || typeof value.fix === 'string')
  );
}

function isCacheEntry(value: unknown): value is CacheEntry {
  return (
    isRecord(value) &&
    value.v === CACHE_ENTRY_VERSION &&
    typeof value.key === 'string' &&
    typeof value.text === 'string' &&
    (value.answer === undefined || isAnswer(value.answer, value.text)) &&
    typeof value.servedBy === 'string' &&
    (value.servedPool === 'fallback' || isPoolName(value.servedPool)) &&
    isUsage(value.usage) &&
    isCount(value.costMicros) &&
    isCount(value.storedAt)
  );
}
