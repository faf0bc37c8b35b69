// Review findings as `Triage` diagnostics that follow edits, and the quick fixes for findings that came with code.
import * as vscode from 'vscode';
import type { ReviewFinding } from '../core/prompts/reviewPrompt';
import { findingDocumentLine, fixedLineText, lineAfterChange, nonWhitespaceSpan, quickFixTitle } from './findingRanges';

/** `source` of every diagnostic Triage publishes. */
export const DIAGNOSTIC_SOURCE = 'Triage';

/** A finding placed on a document line, with the line's text when reviewed so a stale fix is never offered. */
interface PlacedFinding {
  readonly line: number;
  readonly lineText: string;
  readonly finding: ReviewFinding;
  /** The line's new text when the finding's fix is code for it. */
  readonly fixedText?: string;
}

/** Owns the `Triage` diagnostic collection, the findings behind it and the quick-fix provider. */
export class ReviewDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('Triage');
  private readonly placed = new Map<string, PlacedFinding[]>();
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      this.collection,
      vscode.languages.registerCodeActionsProvider('*', this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.workspace.onDidChangeTextDocument((e) => this.follow(e)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    ];
  }

  /**
   * Publishes a review of `lineCount` lines from `startLine`: earlier findings on those lines are replaced,
   * findings elsewhere in the document stay. Returns how many diagnostics the document now has from Triage.
   */
  show(document: vscode.TextDocument, startLine: number, lineCount: number, findings: readonly ReviewFinding[]): number {
    const key = document.uri.toString();
    const endLine = startLine + lineCount - 1;
    const kept = (this.placed.get(key) ?? []).filter((p) => p.line < startLine || p.line > endLine);
    const added = findings.map((finding): PlacedFinding => {
      const line = findingDocumentLine(finding.line, startLine, lineCount, document.lineCount);
      const lineText = document.lineAt(line).text;
      const fixedText = finding.fix === undefined ? undefined : fixedLineText(lineText, finding.fix);
      return { line, lineText, finding, ...(fixedText === undefined ? {} : { fixedText }) };
    });
    const all = [...kept, ...added].sort((a, b) => a.line - b.line);
    this.placed.set(key, all);
    this.render(document);
    return all.length;
  }

  /** Removes every Triage diagnostic. */
  clear(): void {
    this.placed.clear();
    this.collection.clear();
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const placed = this.placed.get(document.uri.toString()) ?? [];
    return placed.flatMap((p) => {
      if (p.fixedText === undefined || p.line < range.start.line || p.line > range.end.line) return [];
      const line = document.lineAt(p.line);
      if (line.text !== p.lineText) return [];
      const action = new vscode.CodeAction(quickFixTitle(p.finding.message), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, line.range, p.fixedText);
      action.diagnostics = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.range.start.line === p.line);
      action.isPreferred = true;
      return [action];
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.placed.clear();
  }

  // Moves findings with the text around them; drops those whose line was edited (a fix applied, say).
  private follow(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const placed = this.placed.get(key);
    if (!placed || e.contentChanges.length === 0) return;
    const moved: PlacedFinding[] = [];
    for (const p of placed) {
      let line: number | undefined = p.line;
      for (const c of e.contentChanges) {
        if (line === undefined) break;
        line = lineAfterChange(line, {
          startLine: c.range.start.line,
          startCharacter: c.range.start.character,
          endLine: c.range.end.line,
          endCharacter: c.range.end.character,
          text: c.text,
        });
      }
      if (line !== undefined && line < e.document.lineCount && e.document.lineAt(line).text === p.lineText) moved.push({ ...p, line });
    }
    this.placed.set(key, moved);
    this.render(e.document);
  }

  private forget(uri: vscode.Uri): void {
    this.placed.delete(uri.toString());
    this.collection.delete(uri);
  }

  private render(document: vscode.TextDocument): void {
    const placed = this.placed.get(document.uri.toString()) ?? [];
    this.collection.set(
      document.uri,
      placed.map((p) => {
        const span = nonWhitespaceSpan(document.lineAt(p.line).text);
        const diagnostic = new vscode.Diagnostic(new vscode.Range(p.line, span.start, p.line, span.end), message(p), SEVERITY[p.finding.severity]);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        return diagnostic;
      }),
    );
  }
}

const SEVERITY: Readonly<Record<ReviewFinding['severity'], vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

// A fix that is advice rather than code has no quick fix, so it goes in the message instead.
function message(p: PlacedFinding): string {
  const fix = p.finding.fix?.trim();
  return fix && p.fixedText === undefined ? `${p.finding.message} Suggested fix: ${fix}` : p.finding.message;
}
