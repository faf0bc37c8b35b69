// Runs editor requests under a cancellable progress notification naming the pool and model, and cancels them on demand.
import * as vscode from 'vscode';
import type { EditChecker } from '../core/editCheck/editDiagnostics';
import type { TriageRequest } from '../core/request';
import type { Notice, RouteEvent, RouteResult } from '../core/routeTypes';
import { CommandIds } from './commandIds';
import type { TriageServices } from './triageServices';

/** Owns the abort controllers of the edit and review requests running in this window. */
export class RequestRunner implements vscode.Disposable {
  private readonly running = new Set<AbortController>();
  private quietMessage: vscode.Disposable | undefined;

  constructor(private readonly services: TriageServices) {}

  /** True while at least one request is running. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /**
   * Routes `request` under a progress notification titled `title`; its Cancel button, `cancelAll` and an
   * aborted `signal` all cancel it. Never throws; notices are shown unless the request was cancelled.
   */
  async run(title: string, request: TriageRequest, signal?: AbortSignal, editChecker?: EditChecker): Promise<RouteResult> {
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
    this.running.add(controller);
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const cancelled = token.onCancellationRequested(abort);
          try {
            progress.report({ message: 'classifying…' });
            return await this.services.route(
              request,
              controller.signal,
              (event) => {
                const message = progressMessage(event);
                if (message) progress.report({ message });
              },
              editChecker,
            );
          } finally {
            cancelled.dispose();
          }
        },
      );
      if (result.outcome === 'cancelled') this.say(`${title}: cancelled`);
      else showNotices(result.notices);
      return result;
    } finally {
      signal?.removeEventListener('abort', abort);
      this.running.delete(controller);
    }
  }

  /** Cancels every running request; returns how many there were. */
  cancelAll(): number {
    const count = this.running.size;
    for (const controller of this.running) controller.abort();
    if (count === 0) this.say('Triage: no request is running');
    return count;
  }

  /** The edit gate's time box in force (`triage.edit.diagnosticsTimeoutMs`). */
  get editCheckTimeoutMs(): number {
    return this.services.settings.editDiagnosticsTimeoutMs;
  }

  /** A short status-bar message; replaces the previous one. */
  say(text: string): void {
    this.quietMessage?.dispose();
    this.quietMessage = vscode.window.setStatusBarMessage(text, 4000);
  }

  dispose(): void {
    for (const controller of this.running) controller.abort();
    this.running.clear();
    this.quietMessage?.dispose();
  }
}

/** What the progress notification says for a routing event: the pool, then the pool and model being tried. */
export function progressMessage(event: RouteEvent): string | undefined {
  switch (event.type) {
    case 'classified':
      return `${event.classification.pool} pool…`;
    case 'attempt-start':
      return `${event.pool === 'fallback' ? 'local fallback' : `${event.pool} pool`} · ${event.model}`;
    case 'edit-check':
      return `checking ${event.model}'s proposal with the language server…`;
    default:
      return undefined;
  }
}

const SET_KEY = 'Set API Key…';

/** Shows the router's notices: privacy and cost facts as information, problems as warnings. */
function showNotices(notices: readonly Notice[]): void {
  for (const notice of notices) {
    const text = `Triage: ${notice.message}`;
    if (notice.kind === 'privacy' || notice.kind === 'unpriced') {
      void vscode.window.showInformationMessage(text);
    } else if (notice.kind === 'missing-key' && notice.provider) {
      const provider = notice.provider;
      void vscode.window.showWarningMessage(text, SET_KEY).then((choice) => {
        if (choice === SET_KEY) void vscode.commands.executeCommand(CommandIds.setApiKey, provider);
      });
    } else {
      void vscode.window.showWarningMessage(text);
    }
  }
}
