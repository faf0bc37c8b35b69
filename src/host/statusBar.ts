// The status bar item: today's spend at rest; pool and model while a request runs; the last request after.
import * as vscode from 'vscode';
import { formatMicros } from '../shared/money';
import { CommandIds } from './commandIds';

/** Owns Triage's one status bar item. */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('triage.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Triage';
    this.item.command = CommandIds.showSpend;
  }

  /** Shows today's spend; called at activation and whenever the ledger changes. */
  showIdle(todaySpendMicros: number): void {
    this.item.text = `$(pulse) Triage ${formatMicros(todaySpendMicros)} today`;
    this.item.tooltip = `Triage — spent today: ${formatMicros(todaySpendMicros)}. Click for the spend panel.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
