// Read-only `triage-proposal:` documents: the two sides of an edit proposal's diff, held in memory.
import * as vscode from 'vscode';

/** URI scheme of proposal documents; package.json's editor/title buttons check it. */
export const PROPOSAL_SCHEME = 'triage-proposal';

/** Serves the text of proposal documents and owns its provider registration. */
export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  }

  /**
   * Stores `text` as one side of proposal `id`; the URI ends in the edited file's name so the diff editor
   * picks its language.
   */
  add(id: number, side: 'original' | 'proposed', fileName: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/${side}/${fileName}` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  /** Drops a document's text (its editor, if still open, keeps what it shows). */
  forget(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.contents.clear();
  }
}
