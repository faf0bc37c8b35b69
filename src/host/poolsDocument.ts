// `triage.showPools`: one read-only `triage-pools:` document with the pools as configured, reused and kept current.
import * as vscode from 'vscode';
import { poolsMarkdown } from './poolsMarkdown';
import type { SettingsSnapshot } from './settings';

/** URI scheme of the pools view; a virtual document is read-only and never asks to be saved. */
export const POOLS_SCHEME = 'triage-pools';

/** Serves the one pools document and refreshes it when settings change. */
export class PoolsDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly uri = vscode.Uri.from({ scheme: POOLS_SCHEME, path: '/Triage Pools.md' });
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly settings: () => SettingsSnapshot,
    onDidChangeSettings: vscode.Event<SettingsSnapshot>,
  ) {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(POOLS_SCHEME, this),
      onDidChangeSettings(() => this.changed.fire(PoolsDocument.uri)),
      this.changed,
    ];
  }

  provideTextDocumentContent(): string {
    const settings = this.settings();
    return poolsMarkdown(settings.router.pools, settings.problems);
  }

  /** Shows the pools document, reusing its editor when one is open. */
  async show(): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(PoolsDocument.uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
