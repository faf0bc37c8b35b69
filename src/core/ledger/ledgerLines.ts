// Writes a ledger record as one line and reads lines back, skipping and counting corrupt or truncated ones.

import { validCallerId } from '../lm/callerId';
import { isPoolName } from '../request';
import { isRequestId } from '../quality/qualitySignal';
import { isRecord } from '../validated';
import { LEDGER_SCHEMA_VERSION } from './ledgerRecord';
import type { LedgerRecord } from './ledgerRecord';

/** The record as one complete line, newline included, ready for a single append. */
export function toLedgerLine(record: LedgerRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** The records found in some ledger text, and how many lines had to be skipped. */
export interface ParsedLedger {
  readonly records: LedgerRecord[];
  /** Complete lines that are not valid JSON or not a v1 record. */
  readonly corruptLines: number;
  /** A last line with no newline: cut off mid-write, or still being written. */
  readonly truncatedLines: number;
}

/** Parses newline-separated records; every good line counts whatever its neighbours hold. */
export function parseLedgerText(text: string): ParsedLedger {
  const records: LedgerRecord[] = [];
  let corruptLines = 0;
  let truncatedLines = 0;
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  for (const line of lines) {
    if (line.trim() === '') continue;
    const record = parseLedgerLine(line);
    if (record) {
      records.push(record);
      continue;
    }
    corruptLines++;
    const salvaged = salvageJoinedRecord(line);
    if (salvaged) records.push(salvaged);
  }
  if (tail.trim() !== '') truncatedLines++;
  return { records, corruptLines, truncatedLines };
}

/**
 * A record that an older writer appended onto a torn line (no newline after a crash): the torn part is lost, but the
 * record after it still counts. Only tried on lines that do not parse, so a good line costs nothing extra.
 */
function salvageJoinedRecord(line: string): LedgerRecord | undefined {
  const at = line.lastIndexOf(RECORD_START);
  return at > 0 ? parseLedgerLine(line.slice(at)) : undefined;
}

/** How every record line begins (`JSON.stringify` writes `v` first). */
const RECORD_START = `{"v":${LEDGER_SCHEMA_VERSION},`;

/** One line to a record, or undefined when it is not a well-formed v1 record. */
export function parseLedgerLine(line: string): LedgerRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  return asLedgerRecord(value);
}

/** A parsed JSON value as a record, or undefined when it is not a well-formed v1 record (a checkpoint's copies too). */
export function asLedgerRecord(value: unknown): LedgerRecord | undefined {
  if (!isLedgerRecord(value)) return undefined;
  // A caller id that is not a well-formed extension id (a hand-edited line) is dropped; the record's money still counts.
  if (value.caller === undefined || validCallerId(value.caller)) return value;
  const { caller: _dropped, ...rest } = value;
  return rest;
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** A duration in ms: a finite number, never negative (a hand-edited or foreign line can hold anything). */
function isDuration(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isUsage(value: unknown): boolean {
  return isRecord(value) && isCount(value.inputTokens) && isCount(value.cachedInputTokens) && isCount(value.outputTokens);
}

function isAttempt(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.model === 'string' &&
    typeof value.outcome === 'string' &&
    isCount(value.costMicros) &&
    (value.usage === undefined || isUsage(value.usage)) &&
    (value.estimated === undefined || value.estimated === true)
  );
}

function isLedgerRecord(value: unknown): value is LedgerRecord {
  if (!isRecord(value) || value.v !== LEDGER_SCHEMA_VERSION) return false;
  return (
    (value.id === undefined || isRequestId(value.id)) &&
    typeof value.time === 'string' &&
    Number.isFinite(Date.parse(value.time)) &&
    (value.kind === 'edit' || value.kind === 'review' || value.kind === 'chat' || value.kind === 'lm') &&
    isRecord(value.classifier) &&
    typeof value.classifier.mode === 'string' &&
    typeof value.classifier.source === 'string' &&
    isPoolName(value.pool) &&
    typeof value.confidence === 'number' &&
    Number.isFinite(value.confidence) &&
    typeof value.reason === 'string' &&
    typeof value.sensitive === 'boolean' &&
    Array.isArray(value.attempts) &&
    value.attempts.every(isAttempt) &&
    (value.servedBy === null || typeof value.servedBy === 'string') &&
    (value.servedPool === null || value.servedPool === 'fallback' || isPoolName(value.servedPool)) &&
    isUsage(value.usage) &&
    isCount(value.costMicros) &&
    typeof value.unpriced === 'boolean' &&
    typeof value.baselineModel === 'string' &&
    isCount(value.baselineMicros) &&
    // Read by the experiment and health figures and written to the CSV: a missing one would be NaN there, or "undefined".
    isDuration(value.latencyMs) &&
    (value.ttftMs === null || isDuration(value.ttftMs)) &&
    (value.outcome === 'ok' || value.outcome === 'failed' || value.outcome === 'cancelled') &&
    typeof value.escalated === 'boolean' &&
    typeof value.budgetDowngraded === 'boolean' &&
    (value.demo === undefined || value.demo === true) &&
    (value.estimated === undefined || value.estimated === true) &&
    (value.retry === undefined || value.retry === 'stronger') &&
    (value.cache === undefined || value.cache === 'hit' || value.cache === 'meaning') &&
    (value.cacheSavedMicros === undefined || isCount(value.cacheSavedMicros)) &&
    (value.experiment === undefined || (isRecord(value.experiment) && typeof value.experiment.id === 'string' && (value.experiment.arm === 'control' || value.experiment.arm === 'alternative')))
  );
}
