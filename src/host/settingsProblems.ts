// Tells the user, once per distinct problem, that a setting is invalid and what Triage uses instead.
import * as vscode from 'vscode';

/** Remembers which problems were shown, so a reload of the same settings does not nag. */
export class SettingsProblems {
  private shown = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  report(problems: readonly string[]): void {
    const fresh = problems.filter((p) => !this.shown.has(p));
    this.shown = new Set(problems);
    if (fresh.length === 0) return;
    for (const p of fresh) this.log.warn(`settings: ${p}`);
    const first = fresh[0]!;
    const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more; see the Triage log)` : '';
    void vscode.window.showWarningMessage(`Triage: ${first}${more}`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', first.split(/[:\s]/)[0]);
    });
  }
}
