// Registers Edit Selection, Review Selection and their companions (accept, reject, clear, cancel) with their owners.
import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { EditController } from './editSelection';
import { ProposalDocuments } from './proposalDocuments';
import { RequestRunner } from './requestProgress';
import { ReviewDiagnostics } from './reviewDiagnostics';
import { ReviewController } from './reviewSelection';
import type { TriageServices } from './triageServices';

/**
 * Wires the editor commands; everything registered is owned by `context.subscriptions`. `chatSummary`, when
 * given, receives each review's summary for the chat view.
 */
export function registerEditAndReview(
  context: vscode.ExtensionContext,
  services: TriageServices,
  log: vscode.LogOutputChannel,
  chatSummary?: (text: string) => void,
): void {
  const runner = new RequestRunner(services);
  const documents = new ProposalDocuments();
  const edits = new EditController(context.globalState, runner, documents, log, (id, kind, request, answered) => services.signal(id, kind, request, answered));
  const diagnostics = new ReviewDiagnostics();
  const reviews = new ReviewController(runner, diagnostics, chatSummary);
  context.subscriptions.push(
    edits,
    runner,
    documents,
    diagnostics,
    vscode.commands.registerCommand(CommandIds.editSelection, (arg: unknown) => edits.editSelection(arg)),
    vscode.commands.registerCommand(CommandIds.acceptEdit, () => edits.accept()),
    vscode.commands.registerCommand(CommandIds.rejectEdit, () => edits.reject()),
    vscode.commands.registerCommand(CommandIds.reviewSelection, (arg: unknown) => reviews.reviewSelection(arg)),
    vscode.commands.registerCommand(CommandIds.clearReview, () => reviews.clear()),
    vscode.commands.registerCommand(CommandIds.cancelRequest, () => runner.cancelAll()),
  );
}
