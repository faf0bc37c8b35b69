// The spend WebviewPanel: one at a time, shows the source's report for the chosen range, live as the ledger changes.
import * as vscode from 'vscode';
import type { HealthMetric } from '../core/health/healthCheck';
import { parseSpendViewMessage } from '../shared/protocol';
import type { HostToSpendView, SpendRange, SpendReportView } from '../shared/protocol';
import { buildWebviewHtml, webviewOptions } from './webviewHtml';

/** Where the panel's numbers come from (the ledger, aggregated by core). */
export interface SpendSource {
  /** Built in steps across ticks: a 100k-line ledger never blocks the host. */
  report(range: SpendRange, healthFocus?: HealthMetric): Promise<SpendReportView>;
  /** Fires when the ledger changes. */
  onDidChange(listener: () => void): vscode.Disposable;
  /** Asks the user where to save, then writes the ledger as CSV. */
  exportCsv(): Promise<void>;
}

/** Owns the spend panel and everything it subscribed to. */
export class SpendPanel implements vscode.Disposable {
  static readonly viewType = 'triage.spendPanel';
  private static current: SpendPanel | undefined;

  private range: SpendRange = '7d';
  /** The health metric an alert opened the panel for, shown first and highlighted. */
  private healthFocus: HealthMetric | undefined;
  /** Reports asked for so far; only the newest is posted. */
  private reports = 0;
  private readonly subscriptions: vscode.Disposable[];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly source: SpendSource,
    private readonly log: (msg: string) => void,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'triage.svg');
    panel.webview.html = buildWebviewHtml(panel.webview, extensionUri, { script: 'spend', title: 'Triage Spend' });
    this.subscriptions = [
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      source.onDidChange(() => this.postReport()),
      panel.onDidDispose(() => this.dispose()),
    ];
  }

  /**
   * Brings the panel back after a window reload, as VS Code's own panels come back: VS Code keeps the panel's tab
   * and asks the serializer to fill it. Owned by the caller's subscriptions.
   */
  static registerSerializer(extensionUri: vscode.Uri, source: SpendSource, log: (msg: string) => void, onRevived: () => void): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(SpendPanel.viewType, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
        if (SpendPanel.current) {
          panel.dispose(); // one spend panel at a time
          return;
        }
        panel.webview.options = webviewOptions(extensionUri);
        SpendPanel.current = new SpendPanel(panel, extensionUri, source, log);
        onRevived();
      },
    });
  }

  /** Shows the panel, revealing the open one if there is one; `healthFocus` points it at an alert's reason. */
  static show(extensionUri: vscode.Uri, source: SpendSource, log: (msg: string) => void, healthFocus?: HealthMetric): SpendPanel {
    if (SpendPanel.current) {
      SpendPanel.current.healthFocus = healthFocus;
      SpendPanel.current.panel.reveal();
      SpendPanel.current.postReport();
      return SpendPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(SpendPanel.viewType, 'Triage Spend', vscode.ViewColumn.Active, {
      ...webviewOptions(extensionUri),
      retainContextWhenHidden: false,
    });
    SpendPanel.current = new SpendPanel(panel, extensionUri, source, log);
    SpendPanel.current.healthFocus = healthFocus;
    return SpendPanel.current;
  }

  /** Closes the open panel, if any (for the extension's subscriptions at deactivation). */
  static disposeCurrent(): void {
    SpendPanel.current?.dispose();
  }

  dispose(): void {
    if (SpendPanel.current === this) SpendPanel.current = undefined;
    vscode.Disposable.from(...this.subscriptions.splice(0)).dispose();
    this.panel.dispose();
  }

  private receive(raw: unknown): void {
    const message = parseSpendViewMessage(raw);
    if (!message) {
      this.log('spend panel: ignored a malformed message');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.postReport();
        break;
      case 'setRange':
        this.range = message.range;
        this.postReport();
        break;
      case 'exportCsv':
        this.source.exportCsv().catch((err: unknown) => {
          this.log(`spend panel: CSV export failed: ${err instanceof Error ? err.message : String(err)}`);
          void vscode.window.showErrorMessage('Triage: the CSV export failed. See the Triage output for details.');
        });
        break;
    }
  }

  /** Sends the current report while the panel is visible; a hidden panel reloads and asks with `ready`. */
  private postReport(): void {
    void this.postReportNow(++this.reports);
  }

  /** A report asked for later (another range, a newer ledger) wins: an older one finishing after it is dropped. */
  private async postReportNow(sequence: number): Promise<void> {
    if (!this.panel.visible) return;
    let report: SpendReportView;
    try {
      report = await this.source.report(this.range, this.healthFocus);
    } catch (err) {
      this.log(`spend panel: building the report failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (sequence !== this.reports || !this.panel.visible) return;
    const message: HostToSpendView = { type: 'report', report };
    this.panel.webview.postMessage(message).then(undefined, (err: unknown) => this.log(`spend panel: post failed: ${String(err)}`));
  }
}
