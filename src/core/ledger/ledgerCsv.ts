// The ledger as CSV for spreadsheets: one row per request, money in USD, no prompt text (the ledger has none).

import type { LedgerRecord } from './ledgerRecord';

const COLUMNS = [
  'time', 'kind', 'pool', 'confidence', 'classifier_source', 'served_by', 'served_pool', 'outcome', 'escalated',
  'budget_downgraded', 'sensitive', 'input_tokens', 'cached_input_tokens', 'output_tokens', 'cost_usd', 'unpriced',
  'baseline_model', 'baseline_usd', 'latency_ms', 'ttft_ms', 'demo', 'user_retry', 'usage_estimated', 'response_cache', 'cache_saved_usd', 'attempts', 'caller',
] as const;

/** RFC 4180 CSV of the records, header first, CRLF line ends. */
export function ledgerToCsv(records: readonly LedgerRecord[]): string {
  return [...ledgerCsvChunks(records)].join('');
}

/** The same CSV in pieces of `rowsPerChunk` rows, so a big export is written step by step, never built in one block. */
export function* ledgerCsvChunks(records: readonly LedgerRecord[], rowsPerChunk = 2000): Generator<string> {
  yield ledgerCsvHeader();
  for (let at = 0; at < records.length; at += rowsPerChunk) yield ledgerCsvRows(records.slice(at, at + rowsPerChunk));
}

/** The header line. */
export function ledgerCsvHeader(): string {
  return `${COLUMNS.map(csvField).join(',')}\r\n`;
}

/** The rows of some records, each ending in CRLF (a streamed export writes these batch by batch). */
export function ledgerCsvRows(records: readonly LedgerRecord[]): string {
  let text = '';
  for (const r of records) text += `${csvRow(r).map(csvField).join(',')}\r\n`;
  return text;
}

function csvRow(r: LedgerRecord): string[] {
  return [
    r.time, r.kind, r.pool, r.confidence.toFixed(3), r.classifier.source, r.servedBy ?? '', r.servedPool ?? '', r.outcome,
    String(r.escalated), String(r.budgetDowngraded), String(r.sensitive), String(r.usage.inputTokens),
    String(r.usage.cachedInputTokens), String(r.usage.outputTokens), microsToUsd(r.costMicros), String(r.unpriced),
    r.baselineModel, microsToUsd(r.baselineMicros), String(r.latencyMs), r.ttftMs === null ? '' : String(r.ttftMs),
    String(r.demo === true), r.retry ?? '', String(r.estimated === true), r.cache ?? '',
    r.cacheSavedMicros === undefined ? '' : microsToUsd(r.cacheSavedMicros),
    r.attempts.map((a) => `${a.model}:${a.outcome}`).join(' > '),
    r.caller ?? '',
  ];
}

/** Exact decimal text of micro-dollars as dollars (no float rounding). */
export function microsToUsd(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(micros));
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, '0')}`;
}

// Quotes a field when it holds a comma, quote or line break; a leading =,+,-,@, tab or CR is prefixed so spreadsheets
// do not run it as a formula (OWASP's list: a tab or CR before '=' still starts a formula in some spreadsheets).
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
