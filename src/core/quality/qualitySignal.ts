// Quality signals as stored: one small JSON line per thing the user did with an answer (features and outcomes, never
// text), pointing at the ledger record of the request by its id; written as they happen, read back validated.

import { monthKey } from '../ledger/calendar';
import { isPoolName, type PoolName } from '../request';
import { isRecord } from '../validated';

/** Bumped on any incompatible change; readers skip lines of versions they do not know. */
export const QUALITY_SCHEMA_VERSION = 1;

/** What the user did with an answer. */
export type QualitySignalKind =
  /** Edit proposal applied with Accept. */
  | 'edit-accepted'
  /** Edit proposal dropped with Reject. */
  | 'edit-rejected'
  /** The same instruction was run again on the same selection (stale Re-run, Ask again fresh, or a new ask over an open proposal). */
  | 'edit-rerun'
  /** An accepted edit was undone soon after (see UNDO_WINDOW_MS): counts as rejected. */
  | 'edit-undone'
  /** A review finding's quick fix was applied. */
  | 'fix-applied'
  /** A review finding was dismissed. */
  | 'finding-dismissed'
  /** Code from a chat answer was copied, or inserted at the cursor. */
  | 'answer-copied'
  | 'answer-inserted'
  /** "Ask a stronger model" on this answer. */
  | 'stronger-asked'
  /** The user picked a pool in the picker (`to`) other than the one the classifier would have chosen (`from`). */
  | 'pool-override';

export const QUALITY_SIGNAL_KINDS: readonly QualitySignalKind[] = [
  'edit-accepted',
  'edit-rejected',
  'edit-rerun',
  'edit-undone',
  'fix-applied',
  'finding-dismissed',
  'answer-copied',
  'answer-inserted',
  'stronger-asked',
  'pool-override',
];

/**
 * The request a signal is about, as its ledger record has it (start time, the pool and model that served, the
 * experiment arm): the spend panel counts the signal by period, pool, model and arm from this alone, beside the day
 * digests' request counts, instead of reading every record back to join them by id.
 */
export interface SignalRequest {
  /** The record's `time` (the request's start). */
  readonly time: string;
  /** The pool that served (the fallback counted as local). */
  readonly pool: PoolName;
  /** The record's `servedBy`. */
  readonly model: string;
  readonly experiment?: { readonly id: string; readonly arm: 'control' | 'alternative' };
}

/** One signal line. */
export interface QualitySignal {
  readonly v: typeof QUALITY_SCHEMA_VERSION;
  /** ISO 8601 time of the user's action. */
  readonly time: string;
  /** The ledger record's `id` of the request the action was about. */
  readonly id: string;
  readonly signal: QualitySignalKind;
  /** `pool-override` only: the classifier's pool and the one picked. */
  readonly from?: PoolName;
  readonly to?: PoolName;
  /** The request was served in demo mode (its signals stay with the demo figures). Absent when false. */
  readonly demo?: true;
  /** The request as recorded, when the window that recorded the signal still knew it. Absent on older lines. */
  readonly req?: SignalRequest;
}

/** Request ids as the router makes them (and as a hand-edited line may not be): short, printable, no spaces. */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{4,40}$/.test(value);
}

/** The signal file for the month containing `ms`, beside the ledger's: `quality-2026-12.jsonl`. */
export function qualityFileName(ms: number): string {
  return `quality-${monthKey(ms)}.jsonl`;
}

/** The `YYYY-MM` of a signal file name, or undefined for any other file (ledger files included). */
export function qualityFileMonth(fileName: string): string | undefined {
  return /^quality-(\d{4}-\d{2})\.jsonl$/.exec(fileName)?.[1];
}

/** The signal as one complete line, newline included, ready for a single append. */
export function toQualityLine(signal: QualitySignal): string {
  return `${JSON.stringify(signal)}\n`;
}

/** Signals found in some text, and how many lines were skipped (the ledger's rules: a torn last line is not corrupt). */
export interface ParsedQuality {
  readonly signals: QualitySignal[];
  readonly corruptLines: number;
  readonly truncatedLines: number;
}

/** Parses newline-separated signals; every good line counts whatever its neighbours hold. */
export function parseQualityText(text: string): ParsedQuality {
  const signals: QualitySignal[] = [];
  let corruptLines = 0;
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  for (const line of lines) {
    if (line.trim() === '') continue;
    const signal = parseQualityLine(line);
    if (signal) {
      signals.push(signal);
      continue;
    }
    corruptLines++;
    const salvaged = salvageJoined(line);
    if (salvaged) signals.push(salvaged);
  }
  return { signals, corruptLines, truncatedLines: tail.trim() === '' ? 0 : 1 };
}

/** How every signal line begins (`JSON.stringify` writes `v` first). */
const SIGNAL_START = `{"v":${QUALITY_SCHEMA_VERSION},`;

/** A signal appended onto a torn line by a writer that crashed mid-line: the torn part is lost, the signal counts. */
function salvageJoined(line: string): QualitySignal | undefined {
  const at = line.lastIndexOf(SIGNAL_START);
  return at > 0 ? parseQualityLine(line.slice(at)) : undefined;
}

/** One line to a signal, or undefined when it is not a well-formed v1 signal. */
export function parseQualityLine(line: string): QualitySignal | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.v !== QUALITY_SCHEMA_VERSION) return undefined;
  if (typeof value.time !== 'string' || !Number.isFinite(Date.parse(value.time))) return undefined;
  if (!isRequestId(value.id) || !(QUALITY_SIGNAL_KINDS as readonly unknown[]).includes(value.signal)) return undefined;
  if (value.demo !== undefined && value.demo !== true) return undefined;
  const req = value.req === undefined ? undefined : parseSignalRequest(value.req);
  if (value.req !== undefined && !req) return undefined;
  const override = value.signal === 'pool-override';
  if (override ? !isPoolName(value.from) || !isPoolName(value.to) : value.from !== undefined || value.to !== undefined) return undefined;
  // Only the known fields are kept: an unexpected field (a hand edit) never reaches a view.
  return {
    v: QUALITY_SCHEMA_VERSION,
    time: value.time,
    id: value.id,
    signal: value.signal as QualitySignalKind,
    ...(override ? { from: value.from as PoolName, to: value.to as PoolName } : {}),
    ...(value.demo ? { demo: true as const } : {}),
    ...(req ? { req } : {}),
  };
}

const EXPERIMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** A signal's `req` as written by `QualityRecorder`, or undefined when any part of it is off. */
function parseSignalRequest(value: unknown): SignalRequest | undefined {
  if (!isRecord(value) || typeof value.time !== 'string' || !Number.isFinite(Date.parse(value.time))) return undefined;
  if (!isPoolName(value.pool) || typeof value.model !== 'string' || !/^[^\s]{1,200}$/.test(value.model)) return undefined;
  const e = value.experiment;
  if (e !== undefined && !(isRecord(e) && typeof e.id === 'string' && EXPERIMENT_ID.test(e.id) && (e.arm === 'control' || e.arm === 'alternative'))) return undefined;
  return {
    time: value.time,
    pool: value.pool,
    model: value.model,
    ...(isRecord(e) ? { experiment: { id: e.id as string, arm: e.arm as 'control' | 'alternative' } } : {}),
  };
}
