// Composition root: builds the host services and registers their disposables. No network, no key reads.
import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { StatusBar } from './statusBar';

/** Called by VS Code on startup-finished or a contributed command. */
export function activate(context: vscode.ExtensionContext): void {
  const statusBar = new StatusBar();
  context.subscriptions.push(statusBar);
  statusBar.showIdle(0);

  context.subscriptions.push(
    vscode.commands.registerCommand(CommandIds.showSpend, () => {
      void vscode.window.showInformationMessage('Triage: the spend panel is not built yet.');
    }),
  );
}

/** Everything is owned by `context.subscriptions`; nothing else to release. */
export function deactivate(): void {}
