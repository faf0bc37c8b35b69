// The spend checkpoint kept beside a month's ledger file: the file's day digests up to a byte offset, and how to tell
// the checkpoint still fits the file.

import { isRecord } from '../validated';
import { parseLedgerDigest } from './spendDigest';
import type { LedgerDigest } from './spendDigest';

/** The digest of the first `offset` bytes of a ledger file (always a line boundary). */
export interface SpendCheckpoint {
  /** 3 since it carries the spend panel's day digests; a v2 checkpoint (status-bar totals only) is rebuilt. */
  readonly v: 3;
  readonly month: string;
  readonly offset: number;
  /** The first and the last bytes before `offset`, base64: a replaced or rewritten file no longer matches them. */
  readonly head: string;
  readonly anchor: string;
  readonly digest: LedgerDigest;
}

/** How many bytes at the start of the file and before the offset the checkpoint compares. */
export const ANCHOR_BYTES = 64;

/** The checkpoint file beside `ledger-YYYY-MM.jsonl`; its name never matches a ledger file. */
export function checkpointFileName(month: string): string {
  return `.spend-${month}.checkpoint.json`;
}

/** A checkpoint read back from its JSON, or undefined when the text is not a whole, valid one (then the file is re-read). */
export function parseSpendCheckpoint(text: string, month: string): SpendCheckpoint | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.v !== 3 || value.month !== month) return undefined;
  if (typeof value.anchor !== 'string' || typeof value.head !== 'string') return undefined;
  if (typeof value.offset !== 'number' || !Number.isInteger(value.offset) || value.offset <= 0) return undefined;
  const digest = parseLedgerDigest(value.digest);
  if (!digest) return undefined;
  return { v: 3, month, offset: value.offset, head: value.head, anchor: value.anchor, digest };
}

/**
 * True when the checkpoint describes the start of a file of `size` bytes whose first bytes are `head` and whose bytes
 * just before the offset are `before` (base64): the file did not shrink and was not replaced, so only what follows is new.
 */
export function checkpointFits(checkpoint: SpendCheckpoint, size: number, head: string, before: string): boolean {
  return checkpoint.offset <= size && checkpoint.head === head && checkpoint.anchor === before;
}
