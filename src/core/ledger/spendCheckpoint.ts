// The spend checkpoint kept beside a month's ledger file: totals up to a byte offset, and how to tell it still fits the file.

import { isRecord } from '../validated';

/** Month spend totals for the first `offset` bytes of a ledger file (always a line boundary). */
export interface SpendCheckpoint {
  /** 2 since demo spend is kept apart; a v1 checkpoint mixed it in, so it is rebuilt. */
  readonly v: 2;
  readonly month: string;
  readonly offset: number;
  /** Real spend: records not marked demo. */
  readonly monthMicros: number;
  readonly byDay: Readonly<Record<string, number>>;
  /** Demo-mode spend (illustrative, never billed). */
  readonly demoMonthMicros: number;
  readonly demoByDay: Readonly<Record<string, number>>;
  /** The last bytes before `offset`, base64: a replaced or rewritten file no longer matches them. */
  readonly anchor: string;
}

/** How many bytes before the offset the anchor holds. */
export const ANCHOR_BYTES = 64;

/** The checkpoint file beside `ledger-YYYY-MM.jsonl`; its name never matches a ledger file. */
export function checkpointFileName(month: string): string {
  return `.spend-${month}.checkpoint.json`;
}

/** A checkpoint read back from its JSON, or undefined when the text is not one (a stale or foreign file rebuilds). */
export function parseSpendCheckpoint(text: string, month: string): SpendCheckpoint | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.v !== 2 || value.month !== month || typeof value.anchor !== 'string') return undefined;
  if (!isCount(value.offset) || !isCount(value.monthMicros) || !isCount(value.demoMonthMicros)) return undefined;
  if (!isDayMap(value.byDay) || !isDayMap(value.demoByDay)) return undefined;
  return value as unknown as SpendCheckpoint;
}

/**
 * True when the checkpoint describes the start of a file of `size` bytes whose bytes just before the offset are
 * `before` (base64 compared): the file did not shrink and was not replaced, so only bytes after the offset are new.
 */
export function checkpointFits(checkpoint: SpendCheckpoint, size: number, before: string): boolean {
  return checkpoint.offset <= size && checkpoint.anchor === before;
}

function isDayMap(value: unknown): boolean {
  return isRecord(value) && Object.values(value).every(isCount);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
