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

/** A file as last parsed: reused while its size and change time stay the same. */
interface ParsedFile {
  readonly size: number;
  readonly mtimeMs: number;
  readonly signals: readonly QualitySignal[];
  readonly skippedLines: number;
}

/** Lines parsed per synchronous step (a few ms), so a long month of signals never blocks the host. */
const PARSE_STEP_BYTES = 128 * 1024;

export class QualityFileStore implements QualitySink {
  private ready: Promise<unknown> | undefined;
  /** Files parsed by `read`, by name: the spend panel asks after every request, while signals come far more rarely. */
  private readonly parsed = new Map<string, ParsedFile>();

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
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { signals: [], skippedLines: 0, version: '' };
      throw error;
    }
    const first = fromMs === null ? '' : monthKey(fromMs);
    const files = names.filter((n) => (qualityFileMonth(n) ?? '') >= first && qualityFileMonth(n) !== undefined).sort();
    const signals: QualitySignal[] = [];
    let skippedLines = 0;
    const version: string[] = [];
    for (const file of files) {
      const parsed = await this.parse(file);
      if (!parsed) continue;
      for (const s of parsed.signals) signals.push(s);
      skippedLines += parsed.skippedLines;
      version.push(`${file}:${parsed.size}:${parsed.mtimeMs}`);
    }
    return { signals, skippedLines, version: version.join(' ') };
  }

  /** One file's signals: from the last parse while the file is unchanged, else read and parsed in steps. */
  private async parse(file: string): Promise<ParsedFile | undefined> {
    const full = path.join(this.dir, file);
    let handle: fs.FileHandle;
    let stat: { size: number; mtimeMs: number };
    try {
      stat = await fs.stat(full);
      const known = this.parsed.get(file);
      if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known;
      handle = await fs.open(full, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const signals: QualitySignal[] = [];
    let skippedLines = 0;
    try {
      // A chunk of whole lines at a time (the ledger's reader): no string of the whole file, a pause after each.
      let end = 0;
      for await (const block of forwardLines(handle, 0, stat.size, PARSE_STEP_BYTES)) {
        const parsed = parseQualityText(block.text);
        for (const s of parsed.signals) signals.push(s);
        skippedLines += parsed.corruptLines + block.skipped;
        end = block.end;
        if (end < stat.size) await this.pause();
      }
      if (end < stat.size) skippedLines++; // a torn last line (or one still being written)
    } finally {
      await handle.close();
    }
    // The size read before the text: a line appended in between is parsed on the next read, never lost.
    const result = { size: stat.size, mtimeMs: stat.mtimeMs, signals, skippedLines };
    this.parsed.set(file, result);
    return result;
  }
}
