// Edit Selection: asks for an instruction, routes an `edit` request, shows the answer as a diff, applies it on Accept.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { aroundCursor } from '../core/prompts/aroundCursor';
import type { PoolName, TriageRequest } from '../core/request';
import { undoDecision } from '../core/quality/qualityRules';
import { describeEditCheck } from '../core/editCheck/editGate';
import type { EditCheckSummary } from '../core/editCheck/editGate';
import { acceptPlan, proposedText } from './acceptPlan';
import { DiagnosticsEditChecker } from './editCheck/diagnosticsEditChecker';
import { CommandIds } from './commandIds';
import type { ProposalDocuments } from './proposalDocuments';
import { instructionArgument, instructionChoices, readRecentInstructions, rememberInstruction } from './recentInstructions';
import type { RequestRunner } from './requestProgress';

/** How an Edit Selection command ended; the command's return value. */
export type EditOutcome = 'proposed' | 'cancelled' | 'failed' | 'no-editor' | 'no-instruction';

/** How Accept ended; the command's return value. */
export type AcceptOutcome = 'applied' | 'stale' | 'none' | 'failed';

const RECENT_KEY = 'triage.recentInstructions';
/** Context key package.json's Accept/Reject buttons and palette entries depend on. */
const PROPOSAL_CONTEXT = 'triage.proposalOpen';
const ACCEPT = 'Accept';
const REJECT = 'Reject';
const RERUN = 'Re-run';
const ASK_FRESH = 'Ask again fresh';

/** The one proposal on offer: where it applies, what it replaces, and the diff showing it. */
interface Proposal {
  readonly id: number;
  readonly uri: vscode.Uri;
  readonly fileName: string;
  readonly range: vscode.Range;
  readonly original: string;
  /** Document version when the request started; any later change makes the proposal stale. */
  readonly version: number;
  readonly replacement: string;
  readonly instruction: string;
  /** The whole document before the edit, to tell an Undo back to it. */
  readonly before: string;
  readonly left: vscode.Uri;
  readonly right: vscode.Uri;
  /** The request behind it, for quality signals and the adaptation (memory only). */
  readonly requestId?: string;
  readonly request?: TriageRequest;
  readonly servedPool?: PoolName;
}

/** Reports what the user did with a proposal (TriageServices.signal). */
export type EditSignal = (
  requestId: string | undefined,
  kind: 'edit-accepted' | 'edit-rejected' | 'edit-rerun' | 'edit-undone',
  request?: TriageRequest,
  answered?: PoolName,
) => void;

/** What the document looked like when the request started. */
interface Snapshot {
  readonly uri: vscode.Uri;
  readonly fileName: string;
  readonly range: vscode.Range;
  readonly original: string;
  readonly version: number;
  readonly before: string;
  readonly startOffset: number;
  readonly endOffset: number;
  readonly viewColumn: vscode.ViewColumn | undefined;
}

/** Owns the edit request in flight and the proposal on offer (at most one of each). */
export class EditController implements vscode.Disposable {
  private proposal: Proposal | undefined;
  private pending: AbortController | undefined;
  private nextId = 1;
  /** Watches the last accepted edit for an Undo soon after (one at a time). */
  private undoWatch: vscode.Disposable | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly runner: RequestRunner,
    private readonly documents: ProposalDocuments,
    private readonly log: vscode.LogOutputChannel,
    private readonly signal: EditSignal = () => undefined,
  ) {}

  /** `triage.editSelection [{ instruction, fresh }]` (`fresh`: past the response cache): resolves once the proposal is shown or the request ended otherwise. */
  async editSelection(arg: unknown): Promise<EditOutcome> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Triage: open a file, then select the code to edit or place the cursor where code should go.');
      return 'no-editor';
    }
    const instruction = instructionArgument(arg) ?? (await this.askInstruction(editor.selection.isEmpty));
    if (!instruction) return 'no-instruction';
    await this.state.update(RECENT_KEY, rememberInstruction(readRecentInstructions(this.state.get(RECENT_KEY)), instruction));
    if (editor.document.isClosed) return 'no-editor';
    const snapshot = takeSnapshot(editor);

    // Asking the same thing again over an open proposal is a re-run of that proposal.
    const open = this.proposal;
    if (open && open.instruction === instruction && open.uri.toString() === snapshot.uri.toString()) this.signal(open.requestId, 'edit-rerun');
    // Only one proposal at a time: a newer edit request replaces one still running.
    this.pending?.abort();
    const pending = new AbortController();
    this.pending = pending;
    // No selection: insert at the cursor, with the code around it as context (same diff, accept and undo).
    const around = snapshot.original === '' ? { aroundCursor: aroundCursor(snapshot.before, snapshot.startOffset) } : {};
    const fresh = (arg as { fresh?: unknown } | undefined)?.fresh === true ? { fresh: true } : {};
    const request: TriageRequest = { kind: 'edit', instruction, selection: snapshot.original, languageId: editor.document.languageId, ...around, ...fresh };
    const checker = new DiagnosticsEditChecker(
      { languageId: request.languageId ?? 'plaintext', fileName: snapshot.fileName, text: snapshot.before, startOffset: snapshot.startOffset, endOffset: snapshot.endOffset },
      this.runner.editCheckTimeoutMs,
      this.log,
    );
    const result = await this.runner.run('Triage: Edit Selection', request, pending.signal, checker);
    if (this.pending === pending) this.pending = undefined;

    if (result.outcome === 'cancelled') return 'cancelled';
    if (result.outcome !== 'ok' || result.answer?.kind !== 'edit') {
      void vscode.window.showErrorMessage(`Triage could not edit the selection: ${result.failure ?? 'no model gave a usable edit.'}`);
      return 'failed';
    }
    const served = result.servedPool === 'fallback' ? 'local' : result.servedPool;
    await this.propose(snapshot, instruction, result.answer.replacement, result.servedBy, result.cached === true, result.editCheck, {
      ...(result.requestId ? { requestId: result.requestId } : {}),
      request,
      ...(served ? { servedPool: served } : {}),
    });
    return 'proposed';
  }

  /** `triage.acceptEdit`: applies the proposal as one edit, unless the document changed since the request started. */
  async accept(): Promise<AcceptOutcome> {
    const proposal = this.proposal;
    if (!proposal) {
      void vscode.window.showInformationMessage('Triage: there is no edit proposal to accept.');
      return 'none';
    }
    await this.discard();
    const document = await openDocument(proposal.uri);
    const plan = acceptPlan<vscode.Range>(proposal, document);
    if (plan.kind === 'stale' || !document) {
      this.offerRerun(proposal);
      return 'stale';
    }
    // One WorkspaceEdit applied once: one undo step.
    const edit = new vscode.WorkspaceEdit();
    for (const change of plan.edits) edit.replace(proposal.uri, change.range, change.text);
    if (!(await vscode.workspace.applyEdit(edit))) {
      this.log.warn(`edit proposal for ${proposal.fileName} was refused by the editor`);
      void vscode.window.showErrorMessage(`Triage could not apply the edit to ${proposal.fileName}.`);
      return 'failed';
    }
    await vscode.window.showTextDocument(document, { preview: false });
    this.signal(proposal.requestId, 'edit-accepted', proposal.request, proposal.servedPool);
    this.watchUndo(proposal, document);
    this.runner.say('Triage: edit applied');
    return 'applied';
  }

  /** `triage.rejectEdit`: drops the proposal; the document is untouched. */
  async reject(): Promise<boolean> {
    if (!this.proposal) {
      void vscode.window.showInformationMessage('Triage: there is no edit proposal to reject.');
      return false;
    }
    const proposal = this.proposal;
    await this.discard();
    this.signal(proposal.requestId, 'edit-rejected', proposal.request, proposal.servedPool);
    this.runner.say('Triage: edit proposal rejected');
    return true;
  }

  dispose(): void {
    this.pending?.abort();
    this.proposal = undefined;
    this.undoWatch?.dispose();
  }

  /** An Undo that brings back the text from before the accept, within the window, makes the accept an undone edit. */
  private watchUndo(proposal: Proposal, document: vscode.TextDocument): void {
    this.undoWatch?.dispose();
    const acceptedAt = Date.now();
    const uri = document.uri.toString();
    const watch = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== uri || e.contentChanges.length === 0) return;
      const isUndo = e.reason === vscode.TextDocumentChangeReason.Undo;
      // The whole text is compared only on an Undo (rare), never on typing.
      const decision = undoDecision(acceptedAt, { atMs: Date.now(), isUndo, restoresBefore: isUndo && e.document.getText() === proposal.before });
      if (decision === 'watch') return;
      if (decision === 'undone') this.signal(proposal.requestId, 'edit-undone', proposal.request, proposal.servedPool);
      watch.dispose();
      if (this.undoWatch === watch) this.undoWatch = undefined;
    });
    this.undoWatch = watch;
  }

  /**
   * Shows the diff and the Accept/Reject message. A cached proposal comes only for a byte-identical selection (the
   * cache key holds it), says so, and offers to ask again fresh.
   */
  private async propose(
    snapshot: Snapshot,
    instruction: string,
    replacement: string,
    servedBy: string | undefined,
    cached: boolean,
    check: EditCheckSummary | undefined,
    origin: Pick<Proposal, 'requestId' | 'request' | 'servedPool'>,
  ): Promise<void> {
    await this.discard();
    const id = this.nextId++;
    const proposed = proposedText(snapshot.before, snapshot.startOffset, snapshot.endOffset, replacement);
    const left = this.documents.add(id, 'original', snapshot.fileName, snapshot.before);
    const right = this.documents.add(id, 'proposed', snapshot.fileName, proposed);
    const proposal: Proposal = { ...snapshot, id, replacement, instruction, left, right, ...origin };
    this.proposal = proposal;
    const by = servedBy ? ` (${servedBy})` : '';
    // The answer line says the edit gate ran: in the diff's title (short) and the message (with the new problems).
    const checked = check ? ` — ${describeEditCheck(check, false)}` : '';
    await vscode.commands.executeCommand('vscode.diff', left, right, `${snapshot.fileName}: Triage proposal${by}${checked}`, {
      preview: false,
      ...(snapshot.viewColumn === undefined ? {} : { viewColumn: snapshot.viewColumn }),
      selection: new vscode.Range(snapshot.range.start, snapshot.range.start),
    });
    await vscode.commands.executeCommand('setContext', PROPOSAL_CONTEXT, true);
    const from = cached ? ' from the response cache (cached — $0)' : '';
    const choices = cached ? [ACCEPT, REJECT, ASK_FRESH] : [ACCEPT, REJECT];
    const text = `Triage proposes an edit to ${snapshot.fileName}${by}${from}${check ? ` — ${describeEditCheck(check)}` : ''}.`;
    const shown = check?.status === 'new-errors' ? vscode.window.showWarningMessage(text, ...choices) : vscode.window.showInformationMessage(text, ...choices);
    void shown.then((choice) => {
      if (this.proposal?.id !== id) return;
      if (choice === ACCEPT) void this.accept();
      else if (choice === REJECT) void this.reject();
      else if (choice === ASK_FRESH) void this.askFresh(proposal);
    });
  }

  /** Ends the current proposal: context key off, its diff closed, its documents forgotten. */
  private async discard(): Promise<void> {
    const proposal = this.proposal;
    if (!proposal) return;
    this.proposal = undefined;
    await vscode.commands.executeCommand('setContext', PROPOSAL_CONTEXT, false);
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposal.right.toString());
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
    this.documents.forget(proposal.left);
    this.documents.forget(proposal.right);
  }

  /** Drops the cached proposal and runs the same instruction on the same selection again, past the cache. */
  private async askFresh(proposal: Proposal): Promise<void> {
    this.signal(proposal.requestId, 'edit-rerun');
    await this.discard();
    const document = await openDocument(proposal.uri);
    if (!document) return;
    const range = document.validateRange(proposal.range);
    await vscode.window.showTextDocument(document, { selection: new vscode.Selection(range.start, range.end) });
    await vscode.commands.executeCommand(CommandIds.editSelection, { instruction: proposal.instruction, fresh: true });
  }

  private offerRerun(proposal: Proposal): void {
    const message = `Triage did not apply the edit: ${proposal.fileName} changed after the request started. Run "${proposal.instruction}" again on the current text?`;
    void vscode.window.showWarningMessage(message, RERUN).then(async (choice) => {
      if (choice !== RERUN) return;
      this.signal(proposal.requestId, 'edit-rerun');
      const document = await openDocument(proposal.uri);
      if (!document) return;
      const range = document.validateRange(proposal.range);
      await vscode.window.showTextDocument(document, { selection: new vscode.Selection(range.start, range.end) });
      await vscode.commands.executeCommand(CommandIds.editSelection, { instruction: proposal.instruction });
    });
  }

  /** A quick pick with recent instructions that also takes free text. */
  private askInstruction(insert: boolean): Promise<string | undefined> {
    const recent = readRecentInstructions(this.state.get(RECENT_KEY));
    const pick = vscode.window.createQuickPick();
    pick.title = insert ? 'Triage: Insert at Cursor' : 'Triage: Edit Selection';
    pick.placeholder = insert
      ? 'What should be inserted here? e.g. "add a median function"'
      : 'How should the selection change? e.g. "rename add to sum"';
    pick.items = instructionChoices('', recent);
    return new Promise((resolve) => {
      const subscriptions = [
        pick.onDidChangeValue((value) => (pick.items = instructionChoices(value, recent))),
        pick.onDidAccept(() => {
          const chosen = (pick.selectedItems[0]?.label ?? pick.value).trim();
          resolve(chosen === '' ? undefined : chosen);
          pick.hide();
        }),
        pick.onDidHide(() => {
          resolve(undefined);
          for (const s of subscriptions) s.dispose();
          pick.dispose();
        }),
      ];
      pick.show();
    });
  }
}

function takeSnapshot(editor: vscode.TextEditor): Snapshot {
  const document = editor.document;
  const range = new vscode.Range(editor.selection.start, editor.selection.end);
  return {
    uri: document.uri,
    fileName: path.posix.basename(document.uri.path) || 'untitled',
    range,
    original: document.getText(range),
    version: document.version,
    before: document.getText(),
    startOffset: document.offsetAt(range.start),
    endOffset: document.offsetAt(range.end),
    viewColumn: editor.viewColumn,
  };
}

/** The open document for `uri`, opening it if needed; undefined when it is gone. */
async function openDocument(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open;
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined;
  }
}
