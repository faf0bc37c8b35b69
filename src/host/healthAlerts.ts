// After requests finish, reads the last week's ledger and shows each crossed health limit once a day as a notification
// that opens the spend panel at its reason. Decisions are core's (checkHealth, alertsDue); this only reads and shows.
import * as vscode from 'vscode';
import { alertsDue, checkHealthInSteps, describeReading } from '../core/health/healthCheck';
import type { HealthMetric, HealthReading } from '../core/health/healthCheck';
import type { TriageServices } from './triageServices';

const TOLD_KEY = 'triage.health.told';
const SHOW = 'Show in Spend Panel';
const ADJUST = 'Adjust Limits';
const DAY_MS = 86_400_000;
const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class HealthAlerts implements vscode.Disposable {
  private running: Promise<void> | undefined;
  private again = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly services: TriageServices,
    private readonly state: vscode.Memento,
    private readonly openPanel: (metric: HealthMetric) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = services.onDidFinish(() => void this.check());
  }

  /** One check at a time; requests finishing meanwhile ask for one more check after it. Resolves when done. */
  check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.check();
      }
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const { health, demo } = this.services.settings;
    if (!health.alerts) return;
    const now = Date.now();
    try {
      // Only the window's records, read from the end of the ledger once and then only what is appended.
      const records = await this.services.ledger.recentRecords(now - health.window.days * DAY_MS);
      // In demo mode the demo requests are judged (labelled so): the fakes' figures, never mixed with real ones.
      // Counted a few thousand records per step: a heavy user's week is tens of thousands, and this runs after every request.
      const report = await checkHealthInSteps(records, now, health.thresholds, health.window, demo, nextTask);
      const told = this.state.get<Partial<Record<HealthMetric, string>>>(TOLD_KEY) ?? {};
      const due = alertsDue(report, told, now);
      if (due.due.length === 0) return;
      await this.state.update(TOLD_KEY, due.told);
      this.show(due.due, demo);
    } catch (error) {
      this.log.warn(`health: could not check the last requests: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private show(due: readonly HealthReading[], demo: boolean): void {
    const [first] = due;
    if (!first) return;
    const more = due.length > 1 ? ` (${due.length - 1} more limit${due.length > 2 ? 's' : ''} crossed)` : '';
    this.log.info(`health: ${due.map((r) => `${r.metric} ${describeReading(r)}`).join('; ')}`);
    const title = demo ? 'Triage health (demo requests)' : 'Triage health';
    void vscode.window.showWarningMessage(`${title}: ${describeReading(first)}${more}.`, SHOW, ADJUST).then((choice) => {
      if (choice === SHOW) this.openPanel(first.metric);
      else if (choice === ADJUST) void vscode.commands.executeCommand('workbench.action.openSettings', 'triage.health');
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
