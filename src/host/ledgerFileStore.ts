// The ledger on disk: monthly JSONL files, one single O_APPEND write per record, readable by several windows at once.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { dayKey, ledgerFileMonth, ledgerFileName, monthKey } from '../core/ledger/calendar';
import { parseLedgerText, toLedgerLine } from '../core/ledger/ledgerLines';
import type { LedgerRecord } from '../core/ledger/ledgerRecord';
import { ANCHOR_BYTES, checkpointFileName, checkpointFits, parseSpendCheckpoint } from '../core/ledger/spendCheckpoint';
import type { SpendCheckpoint } from '../core/ledger/spendCheckpoint';
import type { LedgerSink, SpendSoFar, SpendSource } from '../core/ports';

/** Records read back from disk, with how many lines had to be skipped. */
export interface LedgerReadResult {
  readonly records: readonly LedgerRecord[];
  readonly corruptLines: number;
  readonly truncatedLines: number;
  /** The files read, oldest month first. */
  readonly files: readonly string[];
}

/** Incremental reading position in the current month's file, for cheap spend checks. */
interface Tail {
  readonly month: string;
  offset: number;
  rest: Buffer;
  monthMicros: number;
  readonly byDay: Map<string, number>;
  /** Demo-mode spend, kept apart so it never counts against budgets. */
  demoMonthMicros: number;
  readonly demoByDay: Map<string, number>;
  /** Line-boundary offset of the last checkpoint written or loaded; undefined before the first load. */
  saved?: number;
}

/** Records parsed from one file up to `offset` (a line boundary), and the bytes before it to detect a rewrite. */
interface CachedFile {
  offset: number;
  anchor: string;
  readonly records: LedgerRecord[];
  corruptLines: number;
}

interface ParsedFile {
  readonly records: readonly LedgerRecord[];
  readonly corruptLines: number;
  readonly truncatedLines: number;
}

/** Bytes read and parsed per step (~750 records): a few ms even on a loaded machine, so no read blocks the host. */
const CHUNK_BYTES = 256 * 1024;
/** New bytes after which the checkpoint is rewritten (a few hundred records; cheap, and bounds the re-read). */
const CHECKPOINT_EVERY = 256 * 1024;

/**
 * Ledger files `ledger-YYYY-MM.jsonl` in one folder (global storage, shared by all windows). Each append is
 * one `appendFile` of one complete line, so concurrent writers never interleave; corrupt lines are skipped.
 */
export class LedgerFileStore implements LedgerSink, SpendSource {
  private ready: Promise<unknown> | undefined;
  private tail: Tail | undefined;
  private tailLock: Promise<unknown> = Promise.resolve();
  /** What `read` already parsed of each file, so a reread after a request reads only the appended bytes. */
  private readonly files = new Map<string, CachedFile>();

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

  /** Reads every record from `fromMs` on (whole months), or all of them when `fromMs` is null. */
  async read(fromMs: number | null = null): Promise<LedgerReadResult> {
    const first = fromMs === null ? '' : monthKey(fromMs);
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], corruptLines: 0, truncatedLines: 0, files: [] };
      throw error;
    }
    const files = names.filter((n) => (ledgerFileMonth(n) ?? '') >= first && ledgerFileMonth(n) !== undefined).sort();
    const records: LedgerRecord[] = [];
    let corruptLines = 0;
    let truncatedLines = 0;
    for (const file of files) {
      const cached = await this.readFileCached(path.join(this.dir, file));
      for (const record of cached.records) records.push(record);
      corruptLines += cached.corruptLines;
      truncatedLines += cached.truncatedLines;
    }
    return { records, corruptLines, truncatedLines, files };
  }

  /**
   * One file's records, reading only the bytes after what was read last time when the file grew by appends (the bytes
   * before the old end still match); read in 1 MiB async steps, so neither a huge file nor a reread per request blocks.
   */
  private async readFileCached(file: string): Promise<ParsedFile> {
    let size = 0;
    try {
      size = (await fs.stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], corruptLines: 0, truncatedLines: 0 };
      throw error;
    }
    let cached = this.files.get(file);
    if (cached && (cached.offset > size || (cached.offset > 0 && (await readBefore(file, cached.offset)) !== cached.anchor))) cached = undefined;
    cached ??= { offset: 0, anchor: '', records: [], corruptLines: 0 };
    let truncatedLines = 0;
    if (size > cached.offset) {
      const handle = await fs.open(file, 'r');
      try {
        let at = cached.offset;
        let rest = Buffer.alloc(0);
        while (at < size) {
          const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, size - at));
          const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
          if (bytesRead === 0) break;
          at += bytesRead;
          const bytes = rest.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([rest, chunk.subarray(0, bytesRead)]);
          const end = bytes.lastIndexOf(0x0a);
          rest = end < 0 ? bytes : Buffer.from(bytes.subarray(end + 1));
          if (end < 0) continue;
          const parsed = parseLedgerText(bytes.subarray(0, end + 1).toString('utf8'));
          for (const record of parsed.records) cached.records.push(record);
          cached.corruptLines += parsed.corruptLines;
          cached.offset = at - rest.length;
        }
        if (rest.toString('utf8').trim() !== '') truncatedLines = 1;
      } finally {
        await handle.close();
      }
      cached.anchor = cached.offset > 0 ? await readBefore(file, cached.offset) : '';
    }
    this.files.set(file, cached);
    return { records: cached.records, corruptLines: cached.corruptLines, truncatedLines };
  }

  /** Spend today and this month, reading only what was appended (by any window) since the last call. */
  spent(nowMs: number): Promise<SpendSoFar> {
    const next = this.tailLock.then(() => this.readTail(nowMs));
    this.tailLock = next.catch(() => undefined);
    return next;
  }

  private async readTail(nowMs: number): Promise<SpendSoFar> {
    const month = monthKey(nowMs);
    if (this.tail?.month !== month) this.tail = freshTail(month);
    const tail = this.tail;
    const file = path.join(this.dir, ledgerFileName(nowMs));
    let size = 0;
    try {
      size = (await fs.stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (size < tail.offset) Object.assign(tail, freshTail(month), { saved: 0 });
    if (tail.saved === undefined) await this.loadCheckpoint(file, tail, size);
    if (size > tail.offset) await this.consume(file, tail, size);
    await this.saveCheckpoint(tail);
    const today = dayKey(nowMs);
    return {
      dayMicros: tail.byDay.get(today) ?? 0,
      monthMicros: tail.monthMicros,
      demoDayMicros: tail.demoByDay.get(today) ?? 0,
      demoMonthMicros: tail.demoMonthMicros,
    };
  }

  /** Reads the new bytes one chunk at a time (each `read` yields to the event loop), adding complete lines. */
  private async consume(file: string, tail: Tail, size: number): Promise<void> {
    const handle = await fs.open(file, 'r');
    try {
      while (tail.offset < size) {
        const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, size - tail.offset));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, tail.offset);
        if (bytesRead === 0) break;
        tail.offset += bytesRead;
        const bytes = tail.rest.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([tail.rest, chunk.subarray(0, bytesRead)]);
        const end = bytes.lastIndexOf(0x0a);
        tail.rest = end < 0 ? bytes : Buffer.from(bytes.subarray(end + 1));
        if (end < 0) continue;
        for (const record of parseLedgerText(bytes.subarray(0, end + 1).toString('utf8')).records) {
          const day = dayKey(Date.parse(record.time));
          const byDay = record.demo ? tail.demoByDay : tail.byDay;
          byDay.set(day, (byDay.get(day) ?? 0) + record.costMicros);
          if (record.demo) tail.demoMonthMicros += record.costMicros;
          else tail.monthMicros += record.costMicros;
        }
      }
    } finally {
      await handle.close();
    }
  }

  /** Starts from the checkpoint beside the file when it still fits the file (same bytes before its offset). */
  private async loadCheckpoint(file: string, tail: Tail, size: number): Promise<void> {
    tail.saved = 0;
    let checkpoint: SpendCheckpoint | undefined;
    try {
      checkpoint = parseSpendCheckpoint(await fs.readFile(path.join(this.dir, checkpointFileName(tail.month)), 'utf8'), tail.month);
    } catch {
      return; // none yet, or unreadable: rebuild from the start
    }
    if (!checkpoint || checkpoint.offset === 0 || checkpoint.offset > size) return;
    const before = await readBefore(file, checkpoint.offset);
    if (!checkpointFits(checkpoint, size, before)) return;
    Object.assign(tail, {
      offset: checkpoint.offset,
      rest: Buffer.alloc(0),
      monthMicros: checkpoint.monthMicros,
      demoMonthMicros: checkpoint.demoMonthMicros,
      saved: checkpoint.offset,
    });
    tail.byDay.clear();
    for (const [day, micros] of Object.entries(checkpoint.byDay)) tail.byDay.set(day, micros);
    tail.demoByDay.clear();
    for (const [day, micros] of Object.entries(checkpoint.demoByDay)) tail.demoByDay.set(day, micros);
  }

  /** Rewrites the checkpoint (write then rename, so another window never reads half of it) once enough is new. */
  private async saveCheckpoint(tail: Tail): Promise<void> {
    const offset = tail.offset - tail.rest.length;
    if (offset - (tail.saved ?? 0) < this.checkpointEvery || offset === 0) return;
    const file = path.join(this.dir, `ledger-${tail.month}.jsonl`);
    const checkpoint: SpendCheckpoint = {
      v: 2,
      month: tail.month,
      offset,
      monthMicros: tail.monthMicros,
      byDay: Object.fromEntries(tail.byDay),
      demoMonthMicros: tail.demoMonthMicros,
      demoByDay: Object.fromEntries(tail.demoByDay),
      anchor: await readBefore(file, offset),
    };
    const target = path.join(this.dir, checkpointFileName(tail.month));
    const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await fs.writeFile(temp, JSON.stringify(checkpoint), 'utf8');
      await fs.rename(temp, target);
      tail.saved = offset;
    } catch {
      await fs.rm(temp, { force: true }); // a checkpoint is only a shortcut: spend stays right without it
    }
  }
}

/** The last `ANCHOR_BYTES` bytes before `offset`, base64. */
async function readBefore(file: string, offset: number): Promise<string> {
  const start = Math.max(0, offset - ANCHOR_BYTES);
  const handle = await fs.open(file, 'r');
  try {
    const bytes = Buffer.alloc(offset - start);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, start);
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

function freshTail(month: string): Tail {
  return { month, offset: 0, rest: Buffer.alloc(0), monthMicros: 0, byDay: new Map(), demoMonthMicros: 0, demoByDay: new Map() };
}
