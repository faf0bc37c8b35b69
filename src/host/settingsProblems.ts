// Tells the user, once per distinct problem, that a setting is invalid and what Triage uses instead.
import * as vscode from 'vscode';
import { OPEN_SETTINGS, problemToast, SHOW_LOG } from './problemToast';

/** Remembers which problems were shown, so a reload of the same settings does not nag. */
export class SettingsProblems {
  /** Per channel (the settings themselves; the providers' model lists), so one does not reset the other. */
  private readonly shown = new Map<string, Set<string>>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  report(problems: readonly string[], channel: 'settings' | 'listed' = 'settings'): void {
    const before = this.shown.get(channel) ?? new Set<string>();
    const fresh = problems.filter((p) => !before.has(p));
    this.shown.set(channel, new Set(problems));
    if (fresh.length === 0) return;
    for (const p of fresh) this.log.warn(`settings: ${p}`);
    const toast = problemToast(fresh);
    void vscode.window.showWarningMessage(toast.text, ...toast.actions).then((choice) => {
      if (choice === OPEN_SETTINGS) void vscode.commands.executeCommand('workbench.action.openSettings', toast.settingQuery);
      if (choice === SHOW_LOG) this.log.show();
    });
  }
}
