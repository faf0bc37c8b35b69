// The spend panel's reports from the ledger's day digests, and the CSV export streamed from the files.
import * as vscode from 'vscode';
import type { HealthMetric } from '../core/health/healthCheck';
import { promises as fs } from 'node:fs';
import { ledgerCsvHeader, ledgerCsvRows } from '../core/ledger/ledgerCsv';
import type { LedgerFileStore } from './ledgerFileStore';
import type { SpendRange, SpendReportView } from '../shared/protocol';
import type { SpendSource } from './spendPanel';
import { reportFromDigests } from './spendReport';
import type { TriageServices } from './triageServices';
import { earliestStartMs } from '../core/experiments/experiments';
import type { Experiment } from '../core/experiments/experiments';
import type { QualityTallies } from '../core/quality/qualityReport';
import { QualityTalliesReader } from './qualityTallies';
import { rangeStart } from '../core/ledger/summarizeLedger';
import { checkHealthInSteps } from '../core/health/healthCheck';

const DAY_MS = 86_400_000;
const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The spend panel's data source over the ledger files (all windows' requests included): reports come from the store's
 * day digests (kept up to date by reading only appended bytes), never from holding every record in memory.
 */
export class SpendLedgerView implements SpendSource, vscode.Disposable {
  private skippedLines = 0;
  private listeners = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  private readonly qualityReader: QualityTalliesReader;

  constructor(
    private readonly services: TriageServices,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.qualityReader = new QualityTalliesReader(services.quality);
    // While the panel is open, a finished request makes it ask for a report: that reads only the new line.
    this.subscription = services.onDidFinish(() => {
      if (this.listeners > 0) this.changed.fire();
    });
  }

  /** Asks an open panel for a fresh report (the ledger may have grown while it was closed). */
  async ensureLoaded(): Promise<void> {
    this.changed.fire();
  }

  onDidChange(listener: () => void): vscode.Disposable {
    this.listeners++;
    const subscription = this.changed.event(listener);
    return new vscode.Disposable(() => {
      this.listeners--;
      subscription.dispose();
    });
  }

  async report(range: SpendRange, healthFocus?: HealthMetric): Promise<SpendReportView> {
    const { router, demo, health } = this.services.settings;
    const nowMs = Date.now();
    const ledger = this.services.ledger;
    const experiments = router.experiments ?? [];
    const quality = await this.qualityTallies(range, nowMs, demo, experiments);
    const healthReport = health
      ? await checkHealthInSteps(await ledger.recentRecords(nowMs - health.window.days * DAY_MS), nowMs, health.thresholds, health.window, demo, nextTask)
      : undefined;
    const read = await ledger.digests();
    const skipped = read.corruptLines + read.truncatedLines;
    if (skipped > 0 && skipped !== this.skippedLines) {
      this.log.warn(`ledger: ${skipped} line(s) could not be read and were skipped; every other line still counts`);
    }
    this.skippedLines = skipped;
    return reportFromDigests({
      digests: read.digests,
      ...(healthReport ? { healthReport } : {}),
      skippedLines: skipped,
      range,
      nowMs,
      budget: router.budget,
      baselineModel: `${router.pricing.baseline.provider}:${router.pricing.baseline.model}`,
      demo,
      health,
      ...(healthFocus ? { healthFocus } : {}),
      ...(quality ? { quality, experiments } : {}),
    });
  }

  /**
   * The quality signals' verdicts and retries for the range and the experiments: the files from the month the range (or
   * the earliest experiment) starts in, parsed, folded and counted a few thousand signals per step (a long month of
   * signals never blocks the host). Undefined when they cannot be read (the panel then shows no Quality section).
   */
  private async qualityTallies(range: SpendRange, nowMs: number, demo: boolean, experiments: readonly Experiment[]): Promise<QualityTallies | undefined> {
    const earliest = earliestStartMs(experiments);
    const fromMs = rangeStart(range, nowMs);
    const starts = [fromMs, ...(earliest === undefined ? [] : [earliest])];
    const signalsFrom = starts.includes(null) ? null : Math.min(...(starts as number[]));
    try {
      return await this.qualityReader.read(signalsFrom, fromMs, demo);
    } catch (error) {
      this.log.warn(`quality: could not read the quality signals: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  async exportCsv(): Promise<void> {
    const target = await vscode.window.showSaveDialog({
      title: 'Export Triage spend as CSV',
      filters: { CSV: ['csv'] },
      defaultUri: vscode.Uri.joinPath(
        vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.env.HOME ?? '/'),
        `triage-spend-${new Date().toISOString().slice(0, 10)}.csv`,
      ),
    });
    if (!target) return;
    const rows = await writeCsv(target, this.services.ledger);
    void vscode.window.showInformationMessage(`Triage: exported ${rows} requests to ${target.fsPath}.`);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/**
 * Streams the CSV: the ledger read a chunk at a time, each chunk's rows written before the next is read, so neither
 * the records nor the text is ever held whole. A non-file target (a remote scheme) gets the text in one write.
 */
async function writeCsv(target: vscode.Uri, ledger: LedgerFileStore): Promise<number> {
  let rows = 0;
  if (target.scheme !== 'file') {
    const parts = [ledgerCsvHeader()];
    for await (const batch of ledger.recordBatches()) {
      parts.push(ledgerCsvRows(batch.records));
      rows += batch.records.length;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(parts.join('')));
    return rows;
  }
  const handle = await fs.open(target.fsPath, 'w');
  try {
    await handle.write(ledgerCsvHeader(), null, 'utf8');
    for await (const batch of ledger.recordBatches()) {
      await handle.write(ledgerCsvRows(batch.records), null, 'utf8');
      rows += batch.records.length;
    }
  } finally {
    await handle.close();
  }
  return rows;
}
