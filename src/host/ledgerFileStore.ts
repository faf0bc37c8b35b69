// The ledger on disk: monthly JSONL files, one single O_APPEND write per record, readable by several windows at once,
// each with a checkpoint of its day digests beside it so no window re-reads what it (or another) already summed.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { dayKey, ledgerFileMonth, ledgerFileName, monthKey } from '../core/ledger/calendar';
import { parseLedgerText, toLedgerLine } from '../core/ledger/ledgerLines';
import type { LedgerRecord } from '../core/ledger/ledgerRecord';
import { ANCHOR_BYTES, checkpointFileName, checkpointFits, parseSpendCheckpoint } from '../core/ledger/spendCheckpoint';
import type { SpendCheckpoint } from '../core/ledger/spendCheckpoint';
import { addToLedgerDigest, emptyLedgerDigest } from '../core/ledger/spendDigest';
import type { LedgerDigest } from '../core/ledger/spendDigest';
import type { LedgerSink, SpendSoFar, SpendSource } from '../core/ports';
import { backwardLines, forwardLines } from './ledgerChunks';
import { HealthColumns } from '../core/health/healthColumns';

/** Records read back from disk, with how many lines had to be skipped. */
export interface LedgerReadResult {
  readonly records: readonly LedgerRecord[];
  readonly corruptLines: number;
  readonly truncatedLines: number;
  /** The files read, oldest month first. */
  readonly files: readonly string[];
}

/** Every ledger file's digest, oldest month first, with the lines that could not be read. */
export interface LedgerDigests {
  /** Live: read them before the next call into the store (which may add to them). */
  readonly digests: readonly LedgerDigest[];
  readonly corruptLines: number;
  readonly truncatedLines: number;
  readonly files: readonly string[];
}

/** What one window knows of one month's file: the digest of its bytes up to `offset`. */
interface MonthState {
  readonly month: string;
  readonly file: string;
  /** A line boundary: every complete line before it is in `digest`. */
  offset: number;
  /** The bytes before `offset`, base64: another window's rewrite of the file changes them. */
  anchor: string;
  readonly digest: LedgerDigest;
  /** Bytes after `offset` with no newline yet: a torn line, or one still being written. */
  truncated: boolean;
  /** Offset of the checkpoint this window wrote or loaded (0: none). */
  saved: number;
  /** The file's newest records back to `cutMs`, their health fields in columns (kept once asked for, then only appended to). */
  window?: { cutMs: number; records: HealthColumns; reachedCut: boolean };
}

const DAY_MS = 86_400_000;
/** New bytes after which the checkpoint is rewritten (a few hundred records; cheap, and bounds the re-read). */
const CHECKPOINT_EVERY = 256 * 1024;

/**
 * Ledger files `ledger-YYYY-MM.jsonl` in one folder (global storage, shared by all windows). Each append is
 * one `appendFile` of one complete line, so concurrent writers never interleave; corrupt lines are skipped.
 */
export class LedgerFileStore implements LedgerSink, SpendSource {
  private ready: Promise<unknown> | undefined;
  private readonly months = new Map<string, MonthState>();
  /** One refresh at a time: the digests are shared by every reader in this window. */
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly checkpointEvery = CHECKPOINT_EVERY,
  ) {}

  /** Appends one record to the file of the month it started in. */
  async append(record: LedgerRecord): Promise<void> {
    this.ready ??= fs.mkdir(this.dir, { recursive: true });
    await this.ready;
    const handle = await fs.open(path.join(this.dir, ledgerFileName(Date.parse(record.time))), 'a+');
    try {
      // A crash mid-write leaves a last line without its newline: start on a fresh line, or this record joins it.
      const lead = (await endsTorn(handle)) ? '\n' : '';
      await handle.appendFile(`${lead}${toLedgerLine(record)}`, 'utf8');
    } finally {
      await handle.close();
    }
  }

  /** Spend today and this month, reading only what was appended (by any window) since the last call. */
  spent(nowMs: number): Promise<SpendSoFar> {
    return this.locked(async () => {
      const { digest } = await this.refresh(monthKey(nowMs));
      const today = dayKey(nowMs);
      let monthMicros = 0;
      let demoMonthMicros = 0;
      for (const day of Object.values(digest.days)) {
        monthMicros += day.real?.totals.costMicros ?? 0;
        demoMonthMicros += day.demo?.totals.costMicros ?? 0;
      }
      return {
        dayMicros: digest.days[today]?.real?.totals.costMicros ?? 0,
        monthMicros,
        demoDayMicros: digest.days[today]?.demo?.totals.costMicros ?? 0,
        demoMonthMicros,
      };
    });
  }

  /** Every month's digest, reading only the bytes appended since the last call (or since the checkpoint). */
  digests(): Promise<LedgerDigests> {
    return this.locked(async () => {
      const files = await this.fileNames('');
      const digests: LedgerDigest[] = [];
      let corruptLines = 0;
      let truncatedLines = 0;
      for (const name of files) {
        const state = await this.refresh(ledgerFileMonth(name) as string);
        digests.push(state.digest);
        corruptLines += state.digest.corruptLines;
        if (state.truncated) truncatedLines++;
      }
      return { digests, corruptLines, truncatedLines, files };
    });
  }

  /**
   * The newest records' health fields, in append order, back to at least a day before `fromMs` (a request's record
   * carries its start time, so a record a day older ends the scan): read backwards from the end once, then only what is
   * appended. Only the fields health reads are kept, in columns (`HealthColumns`): a heavy week is hundreds of thousands
   * of records, which as objects would lengthen every garbage collection. The result is a copy the caller may keep.
   */
  recentRecords(fromMs: number): Promise<HealthColumns> {
    return this.locked(async () => {
      const cutMs = fromMs - DAY_MS;
      const newestFirst = (await this.fileNames(monthKey(cutMs))).reverse();
      const parts: HealthColumns[] = [];
      for (const name of newestFirst) {
        const state = await this.refresh(ledgerFileMonth(name) as string);
        const window = await this.windowOf(state, cutMs);
        parts.unshift(window.records);
        if (window.reachedCut) break;
      }
      return HealthColumns.concat(parts);
    });
  }

  /** Reads every record from `fromMs` on (whole months), or all of them when `fromMs` is null; for small ledgers and tests. */
  async read(fromMs: number | null = null): Promise<LedgerReadResult> {
    const records: LedgerRecord[] = [];
    let corruptLines = 0;
    let truncatedLines = 0;
    const files = await this.fileNames(fromMs === null ? '' : monthKey(fromMs));
    for await (const batch of this.recordBatches(files)) {
      for (const r of batch.records) records.push(r);
      corruptLines += batch.corruptLines;
      truncatedLines += batch.truncatedLines;
    }
    return { records, corruptLines, truncatedLines, files };
  }

  /** Every record, oldest file first, a chunk of a few hundred at a time (the CSV export streams these). */
  async *recordBatches(files?: readonly string[]): AsyncGenerator<{ records: LedgerRecord[]; corruptLines: number; truncatedLines: number }> {
    for (const name of files ?? (await this.fileNames(''))) {
      const file = path.join(this.dir, name);
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(file, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      try {
        const size = (await handle.stat()).size;
        let end = 0;
        for await (const block of forwardLines(handle, 0, size)) {
          const parsed = parseLedgerText(block.text);
          end = block.end;
          yield { records: parsed.records, corruptLines: parsed.corruptLines + block.skipped, truncatedLines: 0 };
        }
        if (end < size) yield { records: [], corruptLines: 0, truncatedLines: 1 };
      } finally {
        await handle.close();
      }
    }
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lock.then(work);
    this.lock = next.catch(() => undefined);
    return next;
  }

  /** Ledger file names from month `first` on, oldest first ([] when the folder does not exist yet). */
  private async fileNames(first: string): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names.filter((n) => (ledgerFileMonth(n) ?? '') >= first && ledgerFileMonth(n) !== undefined).sort();
  }

  /**
   * Brings one month's digest up to the file's end: from what this window read, else from the checkpoint when it still
   * fits the file, else from the start. A file that shrank or whose bytes before the offset changed is read again.
   */
  private async refresh(month: string): Promise<MonthState> {
    const file = path.join(this.dir, `ledger-${month}.jsonl`);
    const size = await sizeOf(file);
    let state = this.months.get(month);
    if (state && (state.offset > size || (state.offset > 0 && (await readBytes(file, state.offset - ANCHOR_BYTES, state.offset)) !== state.anchor))) state = undefined;
    if (!state) {
      state = { month, file, offset: 0, anchor: '', digest: emptyLedgerDigest(), truncated: false, saved: 0 };
      this.months.set(month, state);
      if (size > 0) await this.loadCheckpoint(state, size);
    }
    if (size > state.offset) await this.consume(state, size);
    else state.truncated = false;
    await this.saveCheckpoint(state);
    return state;
  }

  /** Adds the complete lines after `state.offset`, one chunk at a time (each read yields to the event loop). */
  private async consume(state: MonthState, size: number): Promise<void> {
    const handle = await fs.open(state.file, 'r');
    try {
      for await (const block of forwardLines(handle, state.offset, size)) {
        const parsed = parseLedgerText(block.text);
        for (const record of parsed.records) addToLedgerDigest(state.digest, record);
        if (state.window) for (const record of parsed.records) state.window.records.push(record);
        state.digest.corruptLines += parsed.corruptLines + block.skipped;
        state.offset = block.end;
      }
    } finally {
      await handle.close();
    }
    state.truncated = state.offset < size;
    state.anchor = await readBytes(state.file, state.offset - ANCHOR_BYTES, state.offset);
  }

  /** Starts from the checkpoint beside the file when it fits the file (same first bytes and bytes before its offset). */
  private async loadCheckpoint(state: MonthState, size: number): Promise<void> {
    let checkpoint: SpendCheckpoint | undefined;
    try {
      checkpoint = parseSpendCheckpoint(await fs.readFile(path.join(this.dir, checkpointFileName(state.month)), 'utf8'), state.month);
    } catch {
      return; // none yet, or unreadable: rebuild from the start
    }
    if (!checkpoint || checkpoint.offset > size) return;
    const head = await readBytes(state.file, 0, Math.min(ANCHOR_BYTES, checkpoint.offset));
    const before = await readBytes(state.file, checkpoint.offset - ANCHOR_BYTES, checkpoint.offset);
    if (!checkpointFits(checkpoint, size, head, before)) return;
    Object.assign(state, { offset: checkpoint.offset, anchor: before, digest: checkpoint.digest, saved: checkpoint.offset });
  }

  /** Rewrites the checkpoint (write then rename, so another window never reads half of it) once enough is new. */
  private async saveCheckpoint(state: MonthState): Promise<void> {
    if (state.offset === 0 || state.offset - state.saved < this.checkpointEvery) return;
    const head = await readBytes(state.file, 0, Math.min(ANCHOR_BYTES, state.offset));
    const checkpoint: SpendCheckpoint = { v: 3, month: state.month, offset: state.offset, head, anchor: state.anchor, digest: state.digest };
    const target = path.join(this.dir, checkpointFileName(state.month));
    const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await fs.writeFile(temp, JSON.stringify(checkpoint), 'utf8');
      await fs.rename(temp, target);
      state.saved = state.offset;
    } catch {
      await fs.rm(temp, { force: true }); // a checkpoint is only a shortcut: spend stays right without it
    }
  }

  /** The file's records back to `cutMs`: read backwards from the digest's offset the first time, then kept up by `consume`. */
  private async windowOf(state: MonthState, cutMs: number): Promise<NonNullable<MonthState['window']>> {
    const kept = state.window;
    if (kept && kept.cutMs <= cutMs) {
      const old = kept.records.countBefore(cutMs);
      if (old > 1) kept.records.drop(old - 1); // keep one older record: it is what ends a later scan
      kept.cutMs = cutMs;
      return kept;
    }
    const blocks: HealthColumns[] = [];
    let reachedCut = false;
    const handle = await fs.open(state.file, 'r');
    try {
      for await (const block of backwardLines(handle, state.offset)) {
        const columns = HealthColumns.of(parseLedgerText(block.text).records);
        blocks.unshift(columns);
        if (columns.anyBefore(cutMs)) {
          reachedCut = true;
          break;
        }
      }
    } finally {
      await handle.close();
    }
    const window = { cutMs, records: HealthColumns.concat(blocks), reachedCut };
    state.window = window;
    return window;
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** The bytes from `start` (clamped to 0) to `end`, base64; '' when the range is empty. */
async function readBytes(file: string, start: number, end: number): Promise<string> {
  const from = Math.max(0, start);
  if (end <= from) return '';
  const handle = await fs.open(file, 'r');
  try {
    const bytes = Buffer.alloc(end - from);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, from);
    return bytes.subarray(0, bytesRead).toString('base64');
  } finally {
    await handle.close();
  }
}

/** True when the file is not empty and its last byte is not a newline (one byte read, whatever the size). */
async function endsTorn(handle: fs.FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}
