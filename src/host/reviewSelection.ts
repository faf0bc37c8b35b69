// Review Selection: routes a `review` request for the selected code and publishes its findings and summary.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { selectionLineCount } from '../core/prompts/reviewPrompt';
import type { TriageRequest } from '../core/request';
import { instructionArgument } from './recentInstructions';
import type { RequestRunner } from './requestProgress';
import type { ReviewDiagnostics } from './reviewDiagnostics';

/** How a Review Selection command ended; the command's return value. */
export type ReviewOutcome = 'reviewed' | 'cancelled' | 'failed' | 'no-editor' | 'no-selection';

const DEFAULT_INSTRUCTION = 'Find bugs, security issues and unclear or fragile code.';

/** Runs reviews of the active editor's selection. */
export class ReviewController {
  constructor(
    private readonly runner: RequestRunner,
    private readonly diagnostics: ReviewDiagnostics,
    private readonly chatSummary: ((text: string) => void) | undefined,
  ) {}

  /** `triage.reviewSelection [{ instruction }]`: resolves once the findings are published or the request ended otherwise. */
  async reviewSelection(arg: unknown): Promise<ReviewOutcome> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Triage: open a file and select the code to review.');
      return 'no-editor';
    }
    if (editor.selection.isEmpty) {
      void vscode.window.showInformationMessage('Triage: select the code to review first.');
      return 'no-selection';
    }
    const document = editor.document;
    const range = new vscode.Range(editor.selection.start, editor.selection.end);
    const selection = document.getText(range);
    const version = document.version;
    const request: TriageRequest = {
      kind: 'review',
      instruction: instructionArgument(arg) ?? DEFAULT_INSTRUCTION,
      selection,
      languageId: document.languageId,
    };
    const result = await this.runner.run('Triage: Review Selection', request);
    if (result.outcome === 'cancelled') return 'cancelled';
    if (result.outcome !== 'ok' || result.answer?.kind !== 'review') {
      void vscode.window.showErrorMessage(`Triage could not review the selection: ${result.failure ?? 'no model gave a usable review.'}`);
      return 'failed';
    }
    if (document.isClosed) return 'reviewed';
    const { findings, summary } = result.answer.review;
    this.diagnostics.show(document, range.start.line, selectionLineCount(selection), findings);

    const fileName = path.posix.basename(document.uri.path) || 'untitled';
    const lines = `lines ${range.start.line + 1}–${range.start.line + selectionLineCount(selection)}`;
    const count = findings.length === 0 ? 'no findings' : `${findings.length} finding${findings.length === 1 ? '' : 's'} in the Problems panel`;
    const moved = document.version === version ? '' : ' The file changed during the review, so findings may point at the wrong lines.';
    const by = result.servedBy ? ` by ${result.servedBy}` : '';
    this.chatSummary?.(`Review of ${fileName} ${lines}${by}: ${summary || 'no summary.'} (${count}.)`);
    void vscode.window.showInformationMessage(`Triage review of ${fileName} ${lines}: ${count}. ${summary}${moved}`.trim());
    return 'reviewed';
  }

  /** `triage.clearReview`. */
  clear(): void {
    this.diagnostics.clear();
  }
}
