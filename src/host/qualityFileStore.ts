// Quality signals on disk: `quality-YYYY-MM.jsonl` beside the ledger's files, with the ledger's rules — one append of one
// complete line per signal (windows never interleave), a torn last line starts the next on a fresh line, bad lines skipped.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { monthKey } from '../core/ledger/calendar';
import { parseQualityText, qualityFileMonth, qualityFileName, toQualityLine } from '../core/quality/qualitySignal';
import type { QualitySignal } from '../core/quality/qualitySignal';
import type { QualitySink } from '../core/ports';
import { forwardLines } from './ledgerChunks';

/** Signals read back, with how many lines had to be skipped. */
export interface QualityReadResult {
  readonly signals: readonly QualitySignal[];
  readonly skippedLines: number;
  /** The files read with their sizes and change times: equal versions mean the same signals. */
  readonly version: string;
}

/** A signal file as stat'ed for a read: its text is read up to `size`. */
export interface QualityFile {
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Lines parsed per synchronous step (a few ms), so a long month of signals never blocks the host. */
const PARSE_STEP_BYTES = 128 * 1024;

export class QualityFileStore implements QualitySink {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly dir: string,
    private readonly pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
  ) {}

  /** Appends one signal to the file of the month it happened in. */
  async append(signal: QualitySignal): Promise<void> {
    this.ready ??= fs.mkdir(this.dir, { recursive: true });
    await this.ready;
    const handle = await fs.open(path.join(this.dir, qualityFileName(Date.parse(signal.time))), 'a+');
    try {
      const { size } = await handle.stat();
      let lead = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) lead = '\n';
      }
      await handle.appendFile(`${lead}${toQualityLine(signal)}`, 'utf8');
    } finally {
      await handle.close();
    }
  }

  /** Every signal from the month of `fromMs` on (all of them for null), oldest file first. */
  async read(fromMs: number | null = null): Promise<QualityReadResult> {
    const { files, version } = await this.version(fromMs);
    const signals: QualitySignal[] = [];
    let skippedLines = 0;
    for (const file of files) {
      for await (const batch of this.batches(file)) {
        for (const s of batch.signals) signals.push(s);
        skippedLines += batch.skippedLines;
      }
    }
    return { signals, skippedLines, version };
  }

  /**
   * The files from the month of `fromMs` on, oldest first, with their sizes and change times read now: an equal
   * version means the same signals. Stats only, no text: the spend panel asks after every request.
   */
  async version(fromMs: number | null = null): Promise<{ readonly files: readonly QualityFile[]; readonly version: string }> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files: [], version: '' };
      throw error;
    }
    const first = fromMs === null ? '' : monthKey(fromMs);
    const files: QualityFile[] = [];
    for (const name of names.filter((n) => (qualityFileMonth(n) ?? '') >= first && qualityFileMonth(n) !== undefined).sort()) {
      try {
        const { size, mtimeMs } = await fs.stat(path.join(this.dir, name));
        files.push({ name, size, mtimeMs });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return { files, version: files.map((f) => `${f.name}:${f.size}:${f.mtimeMs}`).join(' ') };
  }

  /**
   * One file's signals up to its size in `file` (a line appended since is read next time, never lost), a chunk of whole
   * lines per batch with a pause after each. Nothing is kept: a caller folds each batch and lets it go, so a month of
   * signals never sits in memory (tens of thousands of small objects lengthen every young-generation collection).
   */
  async *batches(file: QualityFile): AsyncGenerator<{ readonly signals: readonly QualitySignal[]; readonly skippedLines: number }> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path.join(this.dir, file.name), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      let end = 0;
      for await (const block of forwardLines(handle, 0, file.size, PARSE_STEP_BYTES)) {
        const parsed = parseQualityText(block.text);
        end = block.end;
        yield { signals: parsed.signals, skippedLines: parsed.corruptLines + block.skipped };
        if (end < file.size) await this.pause();
      }
      if (end < file.size) yield { signals: [], skippedLines: 1 }; // a torn last line (or one still being written)
    } finally {
      await handle.close();
    }
  }
}
