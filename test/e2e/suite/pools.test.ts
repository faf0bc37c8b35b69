// Proves in a real VS Code that Show Pools opens one read-only view, reused, never an Untitled document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('show pools', () => {
  before(async () => {
    await vscode.extensions.getExtension('triage-dev.triage')!.activate();
  });

  it('shows one read-only triage-pools document however often it is run', async () => {
    await vscode.commands.executeCommand('triage.showPools');
    await vscode.commands.executeCommand('triage.showPools');
    const pools = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'triage-pools');
    assert.equal(pools.length, 1);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, 0);
    const doc = pools[0]!;
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    assert.match(doc.getText(), /\| coding \| `deepseek:deepseek-v4-pro`/);
    assert.equal(doc.isUntitled, false, 'a virtual document, not an Untitled one that asks to be saved');
  });
});
