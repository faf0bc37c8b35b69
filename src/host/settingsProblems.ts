// Tells the user, once per distinct problem, that a setting is invalid and what Triage uses instead.
import * as vscode from 'vscode';
import { OPEN_SETTINGS, problemToast, SHOW_LOG } from './problemToast';

/** Remembers which problems were shown, so a reload of the same settings does not nag. */
export class SettingsProblems {
  private shown = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  report(problems: readonly string[]): void {
    const fresh = problems.filter((p) => !this.shown.has(p));
    this.shown = new Set(problems);
    if (fresh.length === 0) return;
    for (const p of fresh) this.log.warn(`settings: ${p}`);
    const toast = problemToast(fresh);
    void vscode.window.showWarningMessage(toast.text, ...toast.actions).then((choice) => {
      if (choice === OPEN_SETTINGS) void vscode.commands.executeCommand('workbench.action.openSettings', toast.settingQuery);
      if (choice === SHOW_LOG) this.log.show();
    });
  }
}
