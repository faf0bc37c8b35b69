// Keeps the ledger's records in memory for the spend panel; rereads them only while the panel is open.
import * as vscode from 'vscode';
import type { HealthMetric } from '../core/health/healthCheck';
import { promises as fs } from 'node:fs';
import { ledgerCsvChunks } from '../core/ledger/ledgerCsv';
import type { LedgerRecord } from '../core/ledger/ledgerRecord';
import type { SpendRange, SpendReportView } from '../shared/protocol';
import type { SpendSource } from './spendPanel';
import { buildSpendReportAsync } from './spendReport';
import type { TriageServices } from './triageServices';

/** A macrotask turn: lets the host handle input between steps of a big report. */
const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The spend panel's data source over the ledger files (all windows' requests included). */
export class SpendLedgerView implements SpendSource, vscode.Disposable {
  private records: readonly LedgerRecord[] = [];
  private skippedLines = 0;
  /** True when requests finished since the last read; the next `ensureLoaded` rereads. */
  private stale = true;
  private listeners = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly services: TriageServices,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // Reading every ledger file after each request is wasted while nobody looks: then only note it.
    this.subscription = services.onDidFinish(() => {
      this.stale = true;
      if (this.listeners > 0) void this.reload();
    });
  }

  /** Reads the ledger if requests finished since the last read (or it was never read). */
  async ensureLoaded(): Promise<void> {
    if (this.stale) await this.reload();
  }

  /** Rereads every ledger file; corrupt lines are counted and reported once per change. */
  async reload(): Promise<void> {
    this.stale = false;
    try {
      const read = await this.services.ledger.read(null);
      const skipped = read.corruptLines + read.truncatedLines;
      if (skipped > 0 && skipped !== this.skippedLines) {
        this.log.warn(`ledger: ${skipped} line(s) could not be read and were skipped; every other line still counts`);
      }
      this.records = read.records;
      this.skippedLines = skipped;
    } catch (error) {
      this.log.error(`ledger: could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
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

  report(range: SpendRange, healthFocus?: HealthMetric): Promise<SpendReportView> {
    const settings = this.services.settings.router;
    return buildSpendReportAsync({
      records: this.records,
      skippedLines: this.skippedLines,
      range,
      nowMs: Date.now(),
      budget: settings.budget,
      baselineModel: `${settings.pricing.baseline.provider}:${settings.pricing.baseline.model}`,
      demo: this.services.settings.demo,
      health: this.services.settings.health,
      ...(healthFocus ? { healthFocus } : {}),
    }, nextTask);
  }

  async exportCsv(): Promise<void> {
    await this.reload();
    const target = await vscode.window.showSaveDialog({
      title: 'Export Triage spend as CSV',
      filters: { CSV: ['csv'] },
      defaultUri: vscode.Uri.joinPath(
        vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.env.HOME ?? '/'),
        `triage-spend-${new Date().toISOString().slice(0, 10)}.csv`,
      ),
    });
    if (!target) return;
    await writeCsv(target, this.records);
    void vscode.window.showInformationMessage(`Triage: exported ${this.records.length} requests to ${target.fsPath}.`);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Writes the CSV a chunk at a time (each write yields to the event loop); a non-file target gets the joined text. */
async function writeCsv(target: vscode.Uri, records: readonly LedgerRecord[]): Promise<void> {
  if (target.scheme !== 'file') {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode([...ledgerCsvChunks(records)].join('')));
    return;
  }
  const handle = await fs.open(target.fsPath, 'w');
  try {
    for (const chunk of ledgerCsvChunks(records)) await handle.write(chunk, null, 'utf8');
  } finally {
    await handle.close();
  }
}
