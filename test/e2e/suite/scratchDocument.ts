// A fresh file in the test workspace for each test (reusing a name races VS Code's reload of the old document), and its cleanup.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

let counter = 0;

/** Writes `text` to a new file in the workspace, opens it in an editor and selects `selection`. */
export async function openScratchDocument(prefix: string, text: string, selection: vscode.Selection): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const file = path.join(folder, `${prefix}-${process.pid}-${counter++}.ts`);
  fs.writeFileSync(file, text);
  const document = await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  editor.selection = selection;
  return document;
}

/** Saves (so no prompt appears), closes every editor and deletes the file. */
export async function closeScratchDocument(document: vscode.TextDocument): Promise<void> {
  if (document.isDirty) await document.save();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  fs.rmSync(document.uri.fsPath, { force: true });
}
