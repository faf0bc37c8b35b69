// Runs the same extension-host suites in a desktop VS Code via @vscode/test-electron, for people with a
// desktop VS Code (set VSCODE_EXECUTABLE) or internet (it downloads one). Not used in CI: no download here.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-desktop-'));
  fs.writeFileSync(path.join(workspace, 'sample.ts'), 'export function add(a: number, b: number) {\n  return a + b;\n}\n');
  try {
    await runTests({
      // Triage and the test-only language model vendor the vscode-lm suite puts in the pools (desktop takes several paths).
      extensionDevelopmentPath: [root, path.join(root, 'out', 'test', 'e2e', 'lmTestExtension')],
      extensionTestsPath: path.join(root, 'out', 'test', 'e2e', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
