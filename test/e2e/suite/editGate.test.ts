// The edit quality gate in a real VS Code with its TypeScript server: a proposal that adds a type error goes to the next
// model, one that fixes an error passes, two bad ones show the better with its problems, and a spent time box does not block.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeServer } from '../../fakes/httpFake';
import type { RecordedRequest, Script } from '../../fakes/script';
import { useFakeProviders, type FakeProviders } from './fakeProviders';
import { closeScratchDocument, openScratchDocument } from './scratchDocument';

const CLEAN_FN = 'export function add(a: number, b: number): number {\n  return a + b;\n}';
/** Returns a string where a number is declared: TypeScript reports "Type 'string' is not assignable to type 'number'". */
const ONE_TYPE_ERROR = 'export function add(a: number, b: number): number {\n  return `${a}${b}`;\n}';
/** The same, plus a name that does not exist. */
const TWO_TYPE_ERRORS = 'export function add(a: number, b: number): number {\n  return `${a}${b}${missingName}`;\n}';
const RENAMED = 'export function sum(a: number, b: number): number {\n  return a + b;\n}';
const BROKEN_FN = 'export function add(a: number, b: number): number {\n  return String(a + b);\n}';

const answer = (code: string): Script => ({ chunks: ['```typescript\n', `${code}\n`, '```\n'], usage: { inputTokens: 60, outputTokens: 24 } });

function chatRequests(fakes: FakeProviders): RecordedRequest[] {
  return ([fakes.ollama, fakes.openai, fakes.anthropic] as FakeServer[]).flatMap((f) => f.requests.filter((r) => r.chat !== undefined));
}

/** The open proposal diff's tab, if any. */
function proposalTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'triage-proposal');
}

async function proposedText(): Promise<string> {
  const tab = proposalTab();
  assert.ok(tab, 'a proposal diff is open');
  return (await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).modified)).getText();
}

describe('edit quality gate (TypeScript diagnostics)', function () {
  this.timeout(120_000);
  let fakes: FakeProviders | undefined;
  let document: vscode.TextDocument | undefined;
  let timeoutBefore: unknown;

  /** Every fake answers the n-th chat request of the test (in any pool) with `scripts[n]` (the last repeats). */
  async function answersInOrder(...scripts: Script[]): Promise<FakeProviders> {
    let n = 0;
    const respond = () => () => scripts[Math.min(n++, scripts.length - 1)]!;
    return useFakeProviders({ ollama: { respond: respond() }, openai: { respond: respond() }, anthropic: { respond: respond() } });
  }

  async function openFunction(prefix: string, fn: string): Promise<vscode.TextDocument> {
    const text = `// numbers\n${fn}\n`;
    const lines = fn.split('\n');
    document = await openScratchDocument(prefix, text, new vscode.Selection(1, 0, lines.length, lines.at(-1)!.length));
    return document;
  }

  // A time box this machine's load never runs out (checks took 0.2–5 s on 2 shared cores), except where the test sets one.
  before(() => {
    timeoutBefore = vscode.workspace.getConfiguration('triage').inspect('edit.diagnosticsTimeoutMs')?.globalValue;
  });
  beforeEach(() => vscode.workspace.getConfiguration('triage').update('edit.diagnosticsTimeoutMs', 30_000, vscode.ConfigurationTarget.Global));
  after(() => vscode.workspace.getConfiguration('triage').update('edit.diagnosticsTimeoutMs', timeoutBefore, vscode.ConfigurationTarget.Global));

  afterEach(async () => {
    await fakes?.restore();
    fakes = undefined;
    if (document) await closeScratchDocument(document);
    document = undefined;
  });

  it('passes a proposal that adds a type error to the next model, whose clean proposal is shown', async () => {
    fakes = await answersInOrder(answer(ONE_TYPE_ERROR), answer(RENAMED));
    await openFunction('gate-escalate', CLEAN_FN);
    const started = Date.now();
    assert.equal(await vscode.commands.executeCommand('triage.editSelection', { instruction: 'rename add to sum (gate 1)' }), 'proposed');
    console.log(`    edit with one escalation proposed after ${Date.now() - started} ms`);
    const sent = chatRequests(fakes);
    assert.equal(sent.length, 2, 'the next model was asked once');
    assert.notEqual(`${sent[0]!.path}:${sent[0]!.chat!.model}`, `${sent[1]!.path}:${sent[1]!.chat!.model}`, 'a different model');
    assert.equal(await proposedText(), `// numbers\n${RENAMED}\n`);
    assert.match(proposalTab()!.label, /checked: no new errors; .+'s proposal added errors, so the next model was asked/);
  });

  it('passes a proposal that fixes an existing type error without escalating', async () => {
    fakes = await answersInOrder(answer(CLEAN_FN), answer(RENAMED));
    await openFunction('gate-fix', BROKEN_FN);
    const started = Date.now();
    assert.equal(await vscode.commands.executeCommand('triage.editSelection', { instruction: 'fix the return type error (gate 2)' }), 'proposed');
    console.log(`    clean edit checked and proposed after ${Date.now() - started} ms`);
    assert.equal(chatRequests(fakes).length, 1, 'no escalation');
    assert.equal(await proposedText(), `// numbers\n${CLEAN_FN}\n`);
    assert.match(proposalTab()!.label, /checked: no new errors$/);
  });

  it('shows the better of two proposals that both add errors, with its new problems listed', async () => {
    fakes = await answersInOrder(answer(TWO_TYPE_ERRORS), answer(ONE_TYPE_ERROR), answer(RENAMED));
    await openFunction('gate-both', CLEAN_FN);
    assert.equal(await vscode.commands.executeCommand('triage.editSelection', { instruction: 'join the numbers as text (gate 3)' }), 'proposed');
    assert.equal(chatRequests(fakes).length, 2, 'escalated once, not twice');
    assert.equal(await proposedText(), `// numbers\n${ONE_TYPE_ERROR}\n`, 'the proposal with fewer new errors');
    assert.match(proposalTab()!.label, /1 new error \(the other proposal added 2\)$/);
  });

  it('shows the proposal when the time box runs out, saying the check timed out', async () => {
    await vscode.workspace.getConfiguration('triage').update('edit.diagnosticsTimeoutMs', 1, vscode.ConfigurationTarget.Global);
    fakes = await answersInOrder(answer(ONE_TYPE_ERROR), answer(RENAMED));
    await openFunction('gate-timeout', CLEAN_FN);
    assert.equal(await vscode.commands.executeCommand('triage.editSelection', { instruction: 'join the numbers as text (gate 4)' }), 'proposed');
    assert.equal(chatRequests(fakes).length, 1, 'not blocked, not escalated');
    assert.equal(await proposedText(), `// numbers\n${ONE_TYPE_ERROR}\n`);
    assert.match(proposalTab()!.label, /check timed out \(\d+ ms\)$/);
  });
});
