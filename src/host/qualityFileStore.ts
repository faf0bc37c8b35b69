// Quality signals on disk: `quality-YYYY-MM.jsonl` beside the ledger's files, with the ledger's rules — one append of one
// complete line per signal (windows never interleave), a torn last line starts the next on a fresh line, bad lines skipped.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { monthKey } from '../core/ledger/calendar';
import { parseQualityText, qualityFileMonth, qualityFileName, toQualityLine } from '../core/quality/qualitySignal';
import type { QualitySignal } from '../core/quality/qualitySignal';
import type { QualitySink } from '../core/ports';

/** Signals read back, with how many lines had to be skipped. */
export interface QualityReadResult {
  readonly signals: readonly QualitySignal[];
  readonly skippedLines: number;
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
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { signals: [], skippedLines: 0 };
      throw error;
    }
    const first = fromMs === null ? '' : monthKey(fromMs);
    const files = names.filter((n) => (qualityFileMonth(n) ?? '') >= first && qualityFileMonth(n) !== undefined).sort();
    const signals: QualitySignal[] = [];
    let skippedLines = 0;
    for (const file of files) {
      let text: string;
      try {
        text = await fs.readFile(path.join(this.dir, file), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      // Parsed in steps that end on a line break; only the file's last piece can hold a torn line.
      let at = 0;
      while (at < text.length) {
        let end = text.length;
        if (text.length - at > PARSE_STEP_BYTES) {
          const cut = text.lastIndexOf('\n', at + PARSE_STEP_BYTES);
          end = cut < at ? text.length : cut + 1;
        }
        const parsed = parseQualityText(text.slice(at, end));
        for (const s of parsed.signals) signals.push(s);
        skippedLines += parsed.corruptLines + parsed.truncatedLines;
        at = end;
        if (at < text.length) await this.pause();
      }
    }
    return { signals, skippedLines };
  }
}
