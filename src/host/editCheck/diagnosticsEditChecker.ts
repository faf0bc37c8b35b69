// The edit gate's editor side: the document before and after a proposal, as files in a private temp folder, checked
// by the language server VS Code runs for the language, within a time box; the files are deleted after.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { copyText, TS_LANGUAGES, tsServerDiagnostics } from '../../core/editCheck/checkCopies';
import type { EditCheckReport, EditChecker, EditDiagnostic } from '../../core/editCheck/editDiagnostics';
import { proposedText } from '../acceptPlan';

/** The document an edit request is about, as it was when the request started. */
export interface EditTarget {
  readonly languageId: string;
  readonly fileName: string;
  readonly text: string;
  readonly startOffset: number;
  readonly endOffset: number;
}

/**
 * Once one copy's diagnostics arrived, how long to wait for the other's: a language server checks the open files
 * together, and reports nothing for a file without problems.
 */
const GRACE_MS = 300;

/** Languages whose copies a language server has reported on in this session: evidence that checking them is worth it. */
const reportedLanguages = new Set<string>();

/**
 * Checks proposals for one edit request. The copies are files, not untitled documents: an untitled document with
 * content is dirty, cannot be closed through the API, and would ask to be saved (or come back after a restart). They
 * live outside the workspace so no watcher, build or Git sees them; the price is that imports of sibling files do
 * not resolve — in both copies alike, so only an import the proposal adds is counted.
 */
export class DiagnosticsEditChecker implements EditChecker {
  constructor(
    private readonly target: EditTarget,
    private readonly timeoutMs: number,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async check(replacement: string, signal: AbortSignal): Promise<EditCheckReport> {
    const { languageId } = this.target;
    if (this.timeoutMs <= 0) return { kind: 'unavailable', reason: 'turned off (triage.edit.diagnosticsTimeoutMs is 0)' };
    if (!hasDiagnosticsSource(languageId)) return { kind: 'unavailable', reason: `none reports diagnostics for ${languageId} here` };
    const started = Date.now();
    const after = proposedText(this.target.text, this.target.startOffset, this.target.endOffset, replacement);
    let dir: string | undefined;
    try {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'triage-check-'));
      const name = path.basename(this.target.fileName) || 'untitled';
      const files = [path.join(dir, 'before', name), path.join(dir, 'after', name)] as const;
      await Promise.all([write(files[0], copyText(languageId, this.target.text)), write(files[1], copyText(languageId, after))]);
      const report = await this.diagnose(files.map((f) => vscode.Uri.file(f)) as [vscode.Uri, vscode.Uri], started, signal);
      if (report.kind === 'reported') reportedLanguages.add(languageId);
      this.log.info(`edit check (${languageId}): ${report.kind}${report.kind === 'unavailable' ? ` (${report.reason})` : ` in ${report.ms} ms`}`);
      return report;
    } catch (error) {
      this.log.warn(`edit check could not run: ${error instanceof Error ? error.message : String(error)}`);
      return { kind: 'unavailable', reason: 'the copies could not be written or opened' };
    } finally {
      if (dir) void fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Opens both copies and resolves with the first full answer: both reported, one reported and the grace over, the TypeScript server's own answer, or the time box. */
  private diagnose([before, after]: [vscode.Uri, vscode.Uri], started: number, signal: AbortSignal): Promise<EditCheckReport> {
    const elapsed = () => Date.now() - started;
    return new Promise<EditCheckReport>((resolve) => {
      const timers: ReturnType<typeof setTimeout>[] = [];
      const heard = new Set<string>();
      let done = false;
      const finish = (report: EditCheckReport): void => {
        if (done) return;
        done = true;
        for (const t of timers) clearTimeout(t);
        listener.dispose();
        signal.removeEventListener('abort', onAbort);
        resolve(report);
      };
      const fromEditor = (): EditCheckReport => ({ kind: 'reported', before: editorDiagnostics(before), after: editorDiagnostics(after), ms: elapsed() });
      const listener = vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) if (uri.toString() === before.toString() || uri.toString() === after.toString()) heard.add(uri.toString());
        if (heard.size === 2) finish(fromEditor());
        else if (heard.size === 1 && timers.length === 1) timers.push(setTimeout(() => finish(fromEditor()), GRACE_MS));
      });
      const onAbort = (): void => finish({ kind: 'unavailable', reason: 'cancelled' });
      signal.addEventListener('abort', onAbort, { once: true });
      timers.push(setTimeout(() => finish({ kind: 'timed-out', ms: elapsed() }), Math.max(0, this.timeoutMs - elapsed())));
      void (async () => {
        const [b, a] = await Promise.all([openCopy(before, this.target.languageId), openCopy(after, this.target.languageId)]);
        if (done || !TS_LANGUAGES.has(this.target.languageId)) return;
        // The TypeScript server answers for a file without problems too (the editor's event never comes for one).
        const [pb, pa] = await Promise.all([askTsServer(b.uri), askTsServer(a.uri)]);
        if (pb && pa) finish({ kind: 'reported', before: pb, after: pa, ms: elapsed() });
      })().catch((error: unknown) => finish({ kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) }));
    });
  }
}

async function write(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text, { mode: 0o600 });
}

async function openCopy(uri: vscode.Uri, languageId: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  return document.languageId === languageId ? document : vscode.languages.setTextDocumentLanguage(document, languageId);
}

/** Syntax and semantic errors of an open file from the TypeScript server; undefined when it could not say. */
async function askTsServer(uri: vscode.Uri): Promise<EditDiagnostic[] | undefined> {
  try {
    const kinds = ['syntacticDiagnosticsSync', 'semanticDiagnosticsSync'];
    const answers = await Promise.all(kinds.map((kind) => vscode.commands.executeCommand<unknown>('typescript.tsserverRequest', kind, { file: uri })));
    const read = answers.map(tsServerDiagnostics);
    return read.every((r) => r !== undefined) ? read.flat() as EditDiagnostic[] : undefined;
  } catch {
    return undefined;
  }
}

function editorDiagnostics(uri: vscode.Uri): EditDiagnostic[] {
  return vscode.languages.getDiagnostics(uri).map((d) => ({
    severity: SEVERITY[d.severity],
    message: d.message,
    line: d.range.start.line,
    ...(d.source ? { source: d.source } : {}),
  }));
}

const SEVERITY: Readonly<Record<vscode.DiagnosticSeverity, EditDiagnostic['severity']>> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/**
 * Whether a language server reports diagnostics for `languageId` here: the TypeScript server for its languages, else
 * one that reported on an open document of that language (or on a copy earlier in this session). Without one, waiting
 * would only run out the time box; the syntax check stands.
 */
function hasDiagnosticsSource(languageId: string): boolean {
  if (TS_LANGUAGES.has(languageId) || reportedLanguages.has(languageId)) return true;
  const languageOf = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d.languageId]));
  return vscode.languages.getDiagnostics().some(([uri, list]) => languageOf.get(uri.toString()) === languageId && list.some((d) => d.source !== 'Triage'));
}
