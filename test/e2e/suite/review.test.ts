// Review Selection in a real VS Code against the protocol fakes: findings become Triage diagnostics on the right
// lines with the right severities, follow edits, offer a quick fix where the fix is code, and clear on request.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Script } from '../../fakes/script';
import { useFakeProviders, type FakeProviders } from './fakeProviders';
import { closeScratchDocument, openScratchDocument } from './scratchDocument';

const CODE = '// math helpers\nexport function subtract(a: number, b: number) {\n  return a + b;\n}\n';

const review = {
  findings: [
    { line: 2, severity: 'error', message: 'Adds instead of subtracting.', fix: 'return a - b;' },
    { line: 1, severity: 'warning', message: 'Exported function has no doc comment.', fix: null },
    { line: 1, severity: 'info', message: 'Consider a clearer name.', fix: 'Use a name that says what it returns.' },
    { line: 9, severity: 'info', message: 'Past the end of the selection.', fix: null },
  ],
  summary: 'One real bug: the function adds.',
};
const reviewAnswer: Script = { chunks: [JSON.stringify(review)], usage: { inputTokens: 80, outputTokens: 60 } };

function triageDiagnostics(uri: vscode.Uri): { line: number; start: number; end: number; severity: vscode.DiagnosticSeverity; message: string }[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'Triage')
    .map((d) => ({ line: d.range.start.line, start: d.range.start.character, end: d.range.end.character, severity: d.severity, message: d.message }))
    .sort((a, b) => a.line - b.line || a.severity - b.severity);
}

function nextDiagnosticsChange(uri: vscode.Uri): Promise<void> {
  return new Promise((resolve) => {
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) {
        listener.dispose();
        resolve();
      }
    });
  });
}

async function triageQuickFixes(uri: vscode.Uri, line: number): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    new vscode.Range(line, 0, line, 0),
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter((a) => a.title.startsWith('Triage: '));
}

describe('review selection', () => {
  let fakes: FakeProviders | undefined;
  let document: vscode.TextDocument | undefined;

  async function openSample(): Promise<vscode.TextDocument> {
    document = await openScratchDocument('review', CODE, new vscode.Selection(1, 0, 4, 0)); // the function's three whole lines
    return document;
  }

  beforeEach(async () => {
    fakes = await useFakeProviders({ ollama: { respond: () => reviewAnswer }, openai: { respond: () => reviewAnswer }, anthropic: { respond: () => reviewAnswer } });
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('triage.clearReview');
    await fakes?.restore();
    fakes = undefined;
    if (document) await closeScratchDocument(document);
    document = undefined;
  });

  it('puts findings in the Problems panel on the reviewed lines, with a quick fix where the fix is code', async () => {
    const doc = await openSample();
    assert.equal(await vscode.commands.executeCommand('triage.reviewSelection'), 'reviewed');
    const sent = [fakes!.ollama, fakes!.openai, fakes!.anthropic].flatMap((f) => f.requests.filter((r) => r.chat));
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.chat!.messages.at(-1)!.content, /1\| export function subtract[\s\S]*3\| \}/);

    const { Error, Warning, Information } = vscode.DiagnosticSeverity;
    assert.deepEqual(triageDiagnostics(doc.uri), [
      { line: 1, start: 0, end: 48, severity: Warning, message: 'Exported function has no doc comment.' },
      { line: 1, start: 0, end: 48, severity: Information, message: 'Consider a clearer name. Suggested fix: Use a name that says what it returns.' },
      { line: 2, start: 2, end: 15, severity: Error, message: 'Adds instead of subtracting.' },
      { line: 3, start: 0, end: 1, severity: Information, message: 'Past the end of the selection.' },
    ]);

    assert.deepEqual(await triageQuickFixes(doc.uri, 1), [], 'advice is not offered as a quick fix');
    const fixes = await triageQuickFixes(doc.uri, 2);
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0]!.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(fixes[0]!.title, 'Triage: fix “Adds instead of subtracting”', 'titled by what it fixes, not by raw code');
    const changed = nextDiagnosticsChange(doc.uri);
    assert.ok(await vscode.workspace.applyEdit(fixes[0]!.edit!));
    await changed;
    assert.equal(doc.lineAt(2).text, '  return a - b;', 'the fix replaced the line, keeping its indentation');
    assert.equal(doc.getText(), CODE.replace('a + b', 'a - b'));
    assert.deepEqual(triageDiagnostics(doc.uri).map((d) => d.line), [1, 1, 3], 'the fixed finding is gone, the others stay');

    await vscode.commands.executeCommand('triage.clearReview');
    assert.deepEqual(triageDiagnostics(doc.uri), []);
  });

  it('moves findings with the code when lines are inserted above them', async () => {
    const doc = await openSample();
    assert.equal(await vscode.commands.executeCommand('triage.reviewSelection'), 'reviewed');
    const changed = nextDiagnosticsChange(doc.uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), '// one\n// two\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await changed;
    assert.deepEqual(triageDiagnostics(doc.uri).map((d) => d.line), [3, 3, 4, 5]);
    assert.equal((await triageQuickFixes(doc.uri, 4)).length, 1, 'the quick fix follows its line');
  });
});
