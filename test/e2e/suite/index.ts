// Runs the e2e mocha suites inside the extension host (real `vscode` API); loaded via extensionTestsPath.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface Outcome {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly error?: string;
}

/** Entry point VS Code calls; resolves when all suites pass, rejects otherwise. */
export async function run(): Promise<void> {
  // mocha 12 exports the class as a named member; older ones as the module itself.
  const mochaModule = require('mocha');
  const MochaCtor = mochaModule.Mocha ?? mochaModule.default ?? mochaModule;
  const mocha = new MochaCtor({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  const outcomes: Outcome[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((count: number) => resolve(count));
    runner.on('pass', (test: { fullTitle(): string }) => outcomes.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('fail', (test: { fullTitle(): string }, err: Error) =>
      outcomes.push({ title: test.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }),
    );
  });
  writeOutcomes(outcomes);
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}

// The harness reads results from the workspace folder it created (the page's console is not a reliable channel).
function writeOutcomes(outcomes: readonly Outcome[]): void {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) return;
  fs.writeFileSync(path.join(folder, '.triage-e2e-results.json'), JSON.stringify(outcomes, null, 2));
}
