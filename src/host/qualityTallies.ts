// Reads the quality signals for the spend panel and counts them a few thousand per step: the files from a month on,
// parsed in steps by the store, folded per request, then tallied by pool, model and experiment arm. No vscode import.
import { JudgedRequestsFolder, QualityTallies } from '../core/quality/qualityReport';
import type { QualityFileStore } from './qualityFileStore';
import type { QualitySignal } from '../core/quality/qualitySignal';

/** Signals handled per synchronous step: about a millisecond each on this project's machines. */
const STEP = 1000;

const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs `each` over `items`, pausing after every `STEP` of them. */
async function inSteps<T>(items: Iterable<T>, each: (item: T) => void, pause: () => Promise<void>): Promise<void> {
  let n = 0;
  for (const item of items) {
    each(item);
    if (++n % STEP === 0) await pause();
  }
}

/**
 * The tallies for a report: signals from the month of `readFromMs` on (null: every file; it reaches back to the earliest
 * experiment's start as well as the range's), of the kind shown (`demo`), counted for the range from `rangeFromMs`.
 * The last tallies are kept: while no signal file changed, a report (one after every request) counts nothing again.
 */
export class QualityTalliesReader {
  private last: { readonly key: string; readonly tallies: QualityTallies } | undefined;
  /** The signals folded for the last files read, from a month on and of a kind: another range counts them again only. */
  private fold: { readonly key: string; readonly folder: JudgedRequestsFolder } | undefined;

  constructor(
    private readonly store: Pick<QualityFileStore, 'version' | 'batches'>,
    private readonly pause: () => Promise<void> = nextTask,
  ) {}

  async read(readFromMs: number | null, rangeFromMs: number | null, demo: boolean): Promise<QualityTallies> {
    const { files, version } = await this.store.version(readFromMs);
    const foldKey = `${version}|${readFromMs}|${demo}`;
    const key = `${foldKey}|${rangeFromMs}`;
    if (this.last?.key === key) return this.last.tallies;
    let folder = this.fold?.key === foldKey ? this.fold.folder : undefined;
    if (!folder) {
      folder = new JudgedRequestsFolder(demo);
      // Each parsed batch is folded and let go: only the folded requests outlive it.
      for (const file of files) {
        for await (const batch of this.store.batches(file)) await inSteps<QualitySignal>(batch.signals, (s) => (folder as JudgedRequestsFolder).add(s), this.pause);
      }
      this.fold = { key: foldKey, folder };
    }
    const tallies = new QualityTallies(rangeFromMs);
    await inSteps(folder.requests(), ([, j]) => tallies.add(j), this.pause);
    this.last = { key, tallies };
    return tallies;
  }
}

/** One reading with no tallies kept (Triage: End Experiment). */
export function readQualityTallies(store: Pick<QualityFileStore, 'version' | 'batches'>, readFromMs: number | null, rangeFromMs: number | null, demo: boolean): Promise<QualityTallies> {
  return new QualityTalliesReader(store).read(readFromMs, rangeFromMs, demo);
}
