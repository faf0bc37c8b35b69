// Edit Selection in a real VS Code against the protocol fakes: the proposal diff, Accept as one undo step, cancel,
// a document changed meanwhile, a failed request, and falling back past a rate-limited model.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeServer } from '../../fakes/httpFake';
import type { RecordedRequest, Responder, Script } from '../../fakes/script';
import { useFakeProviders, type FakeProviders } from './fakeProviders';
import { closeScratchDocument, openScratchDocument } from './scratchDocument';

const HEADER = '// calculator\n';
const FUNCTION = 'export function add(a: number, b: number) {\n  return a + b;\n}';
const ORIGINAL = `${HEADER}${FUNCTION}\n`;
const REPLACEMENT = 'export function sum(a: number, b: number) {\n  return a + b;\n}';
const EDITED = `${HEADER}${REPLACEMENT}\n`;
const INSTRUCTION = { instruction: 'rename add to sum' };

const editAnswer: Script = { chunks: ['```typescript\n', `${REPLACEMENT}\n`, '```\n'], usage: { inputTokens: 60, outputTokens: 24 } };

/** The same responder on all three fakes, so the tests hold whichever pool the classifier picks. */
function everyFake(respond: (name: string) => Responder): Parameters<typeof useFakeProviders>[0] {
  return { ollama: { respond: respond('ollama') }, openai: { respond: respond('openai') }, anthropic: { respond: respond('anthropic') } };
}

function chatRequests(fake: FakeServer): RecordedRequest[] {
  return fake.requests.filter((r) => r.chat !== undefined);
}

/** Resolves with the first chat request `fake` receives. */
async function firstChat(fake: FakeServer): Promise<RecordedRequest> {
  for (let i = 0; ; i++) {
    const request = await fake.request(i);
    if (request.chat) return request;
  }
}

/** The open proposal diff, if any. */
function proposalDiff(): vscode.TabInputTextDiff | undefined {
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === 'triage-proposal') return tab.input;
  }
  return undefined;
}

function nextChange(document: vscode.TextDocument): Promise<void> {
  return new Promise((resolve) => {
    const listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === document && e.contentChanges.length > 0) {
        listener.dispose();
        resolve();
      }
    });
  });
}

describe('edit selection', () => {
  let fakes: FakeProviders | undefined;
  let document: vscode.TextDocument | undefined;

  /** A new file in the workspace with the function selected (without its trailing newline). */
  async function openSample(): Promise<vscode.TextDocument> {
    const selection = new vscode.Selection(1, 0, 3, 1);
    document = await openScratchDocument('edit', ORIGINAL, selection);
    assert.equal(document.getText(selection), FUNCTION);
    return document;
  }

  afterEach(async () => {
    await fakes?.restore();
    fakes = undefined;
    if (document) await closeScratchDocument(document);
    document = undefined;
  });

  it('shows the proposal as a diff, and Accept applies it as one undo step', async () => {
    fakes = await useFakeProviders(everyFake(() => () => editAnswer));
    const doc = await openSample();

    assert.equal(await vscode.commands.executeCommand('triage.editSelection', INSTRUCTION), 'proposed');
    const diff = proposalDiff();
    assert.ok(diff, 'a proposal diff is open');
    assert.equal((await vscode.workspace.openTextDocument(diff.modified)).getText(), EDITED);
    assert.equal((await vscode.workspace.openTextDocument(diff.original)).getText(), ORIGINAL);
    assert.equal(doc.getText(), ORIGINAL, 'nothing is applied before Accept');
    const sent = [fakes.ollama, fakes.openai, fakes.anthropic].flatMap(chatRequests);
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.chat!.messages.at(-1)!.content, /rename add to sum[\s\S]*export function add/);

    assert.equal(await vscode.commands.executeCommand('triage.acceptEdit'), 'applied');
    assert.equal(doc.getText(), EDITED);
    assert.equal(proposalDiff(), undefined, 'the diff closes on Accept');

    await vscode.window.showTextDocument(doc);
    const undone = nextChange(doc);
    await vscode.commands.executeCommand('undo');
    await undone;
    assert.equal(doc.getText(), ORIGINAL, 'one undo restores the original exactly');
  });

  it('with no selection inserts at the cursor, the code around it sent as context, with the same diff and undo', async () => {
    const MEDIAN = 'export function median(xs: number[]) {\n  return xs[xs.length >> 1];\n}\n';
    fakes = await useFakeProviders(everyFake(() => () => ({ chunks: ['```typescript\n', MEDIAN, '```\n'], usage: { inputTokens: 60, outputTokens: 24 } })));
    const cursor = new vscode.Selection(4, 0, 4, 0);
    const doc = (document = await openScratchDocument('insert', `${ORIGINAL}\n`, cursor));
    const INSERTED = `${ORIGINAL}${MEDIAN}`;

    assert.equal(await vscode.commands.executeCommand('triage.editSelection', { instruction: 'add a median function here' }), 'proposed');
    const diff = proposalDiff();
    assert.ok(diff, 'a proposal diff is open');
    assert.equal((await vscode.workspace.openTextDocument(diff.modified)).getText(), INSERTED);
    const sent = [fakes.ollama, fakes.openai, fakes.anthropic].flatMap(chatRequests)[0]!.chat!.messages.at(-1)!.content;
    assert.match(sent, /There is no selection[\s\S]*export function add[\s\S]*<<CURSOR>>/, 'the surrounding code is the context');

    assert.equal(await vscode.commands.executeCommand('triage.acceptEdit'), 'applied');
    assert.equal(doc.getText(), INSERTED);
    await vscode.window.showTextDocument(doc);
    const undone = nextChange(doc);
    await vscode.commands.executeCommand('undo');
    await undone;
    assert.equal(doc.getText(), `${ORIGINAL}\n`, 'one undo removes the insertion');
  });

  it('changes nothing when the request is cancelled, and closes the connection', async () => {
    fakes = await useFakeProviders(everyFake(() => () => ({ chunks: [], fault: { kind: 'hang' } })));
    const doc = await openSample();
    const all = [fakes.ollama, fakes.openai, fakes.anthropic];

    const running = vscode.commands.executeCommand('triage.editSelection', INSTRUCTION);
    const hanging = await Promise.race(all.map(firstChat));
    assert.equal(await vscode.commands.executeCommand('triage.cancelRequest'), 1);
    assert.equal(await running, 'cancelled');
    await hanging.socketClosed;

    assert.equal(doc.getText(), ORIGINAL);
    assert.equal(doc.isDirty, false);
    assert.equal(proposalDiff(), undefined);
    assert.equal(all.flatMap(chatRequests).length, 1, 'a cancel never falls back to another model');
    assert.equal(await vscode.commands.executeCommand('triage.acceptEdit'), 'none');
  });

  it('does not overwrite a document that changed after the request started', async () => {
    fakes = await useFakeProviders(everyFake(() => () => editAnswer));
    const doc = await openSample();
    assert.equal(await vscode.commands.executeCommand('triage.editSelection', INSTRUCTION), 'proposed');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), '// edited meanwhile\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const userText = `// edited meanwhile\n${ORIGINAL}`;
    assert.equal(doc.getText(), userText);

    assert.equal(await vscode.commands.executeCommand('triage.acceptEdit'), 'stale');
    assert.equal(doc.getText(), userText, 'Triage overwrote nothing');
    assert.equal(proposalDiff(), undefined);
  });

  it('shows a failed request\'s reason and proposes nothing', async () => {
    fakes = await useFakeProviders(everyFake(() => () => ({ chunks: ['Sorry, I will not show code today.'] })));
    const doc = await openSample();
    assert.equal(await vscode.commands.executeCommand('triage.editSelection', INSTRUCTION), 'failed');
    assert.equal(doc.getText(), ORIGINAL);
    assert.equal(proposalDiff(), undefined);
    assert.ok([fakes.ollama, fakes.openai, fakes.anthropic].flatMap(chatRequests).length >= 2, 'the cascade tried more than one model');
  });

  it('falls back to the next model when the first is rate-limited', async () => {
    let calls = 0;
    let limited: { fake: string; model: string } | undefined;
    fakes = await useFakeProviders(
      everyFake((fake) => (request) => {
        if (calls++ > 0) return editAnswer;
        limited = { fake, model: request.chat?.model ?? '' };
        return { chunks: [], fault: { kind: 'rate-limit', hint: { kind: 'retry-after-ms', ms: 1 } } };
      }),
    );
    const doc = await openSample();

    assert.equal(await vscode.commands.executeCommand('triage.editSelection', INSTRUCTION), 'proposed');
    const diff = proposalDiff();
    assert.ok(diff);
    assert.equal((await vscode.workspace.openTextDocument(diff.modified)).getText(), EDITED);
    assert.ok(limited, 'one model answered 429');
    const byName: Record<string, FakeServer> = { ollama: fakes.ollama, openai: fakes.openai, anthropic: fakes.anthropic };
    const sent = Object.values(byName).flatMap(chatRequests);
    assert.equal(chatRequests(byName[limited.fake]!).filter((r) => r.chat?.model === limited!.model).length, 1, `${limited.model} was called once`);
    assert.equal(sent.length, 2, 'the next candidate served');
    assert.equal(await vscode.commands.executeCommand('triage.rejectEdit'), true);
    assert.equal(doc.getText(), ORIGINAL, 'Reject leaves the document as it was');
    assert.equal(proposalDiff(), undefined);
  });
});
