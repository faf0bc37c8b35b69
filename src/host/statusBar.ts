// The status bar item: today's spend at rest; pool and model while a request runs; the last request after.
import * as vscode from 'vscode';
import type { RouteEvent, RouteResult } from '../core/routeTypes';
import type { RequestOrigin } from './statusBarText';
import { CommandIds } from './commandIds';
import { idleText, lastRequestText, lastRequestTooltip, runningText, todayText } from './statusBarText';

/** Owns Triage's one status bar item. */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private running = 0;
  private last: RouteResult | undefined;
  private lastOrigin: RequestOrigin | undefined;
  private todayMicros = 0;
  private dailyBudgetMicros: number | undefined;
  private demo = false;

  constructor() {
    this.item = vscode.window.createStatusBarItem('triage.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Triage';
    this.item.command = CommandIds.showSpend;
  }

  /** Today's spend changed (a request finished here or in another window). */
  setToday(todayMicros: number, dailyBudgetMicros: number | undefined, demo = false): void {
    this.todayMicros = todayMicros;
    this.dailyBudgetMicros = dailyBudgetMicros;
    this.demo = demo;
    this.render();
  }

  /** A routing event of a running request. */
  onRouteEvent(event: RouteEvent): void {
    if (event.type === 'classified') {
      this.running++; // once per request
      this.item.text = runningText(event.classification.pool, undefined);
    } else if (event.type === 'attempt-start') {
      this.item.text = runningText(event.pool === 'fallback' ? 'local' : event.pool, event.model);
    }
  }

  requestFinished(result: RouteResult, origin?: RequestOrigin): void {
    this.running = Math.max(0, this.running - 1);
    this.last = result;
    this.lastOrigin = origin;
    this.render();
  }

  /** What the item shows now (for the extension-host tests, which cannot read the workbench). */
  shown(): { readonly text: string; readonly tooltip: string } {
    const tooltip = this.item.tooltip;
    return { text: this.item.text, tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '') };
  }

  private render(): void {
    if (this.running > 0) return;
    const today = idleText(this.todayMicros, this.dailyBudgetMicros, this.demo);
    if (this.last) {
      this.item.text = `$(pulse) ${lastRequestText(this.last, this.lastOrigin)} | ${todayText(this.todayMicros, this.demo)}`;
      this.item.tooltip = lastRequestTooltip(this.last, this.todayMicros, this.demo, this.lastOrigin);
    } else {
      this.item.text = `$(pulse) ${today}`;
      this.item.tooltip = `${today}. Click for the spend panel.`;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
