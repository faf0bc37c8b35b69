// The e2e harness: on each VS Code target (current, then the engines floor) a real VS Code server on 127.0.0.1, the
// extension-host suites, then UI suites in Chromium. Prints one final `N passed, N failed` line and stops every process it started.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { developmentFolder, projectRoot, startCodeServer, workbenchUrl, type CodeServer } from './codeServer';
import { startDemoFakes, type DemoFakes } from './demoFakes';
import { selectSuites, type SuiteSelection } from './suiteSelection';
import { runCommand, ui } from './ui/uiContext';
import { selectedTargets, type VscodeTarget } from './vscodeTargets';

/** UI suites in their usual order; each sets up what it asserts on, so TRIAGE_E2E_SUITE can run any one alone. */
const UI_SUITES = ['walkthrough', 'statusBar', 'chat', 'editAndReview', 'spend', 'quality', 'chatPersistence', 'health', 'invalidSettings', 'apiKey', 'lm'];
const SAMPLE = 'export function add(a: number, b: number) {\n  return a + b;\n}\n';

const screenshotDir = path.join(projectRoot, 'test-results', 'screenshots');
const suiteEntry = path.join(projectRoot, 'out', 'test', 'e2e', 'suite', 'index.js');

interface Tally {
  passed: number;
  failed: number;
}

async function main(): Promise<number> {
  const tally: Tally = { passed: 0, failed: 0 };
  const selection = selectSuites(UI_SUITES); // an unknown name stops the run before any server starts
  fs.rmSync(screenshotDir, { recursive: true, force: true });
  fs.mkdirSync(screenshotDir, { recursive: true });
  const started = Date.now();
  const lines: string[] = [];
  for (const target of selectedTargets()) {
    const own: Tally = { passed: 0, failed: 0 };
    const t0 = Date.now();
    await runTarget(target, selection, own);
    const line = `VS Code ${target.vscode} (${target.name}): ${own.passed} passed, ${own.failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
    console.log(`\n${line}`);
    lines.push(line);
    tally.passed += own.passed;
    tally.failed += own.failed;
  }
  // README screenshots come from the main target (the top of screenshotDir), and only when the whole run is green.
  const everySuite = selection.hostSuites && selection.uiSuites.length === UI_SUITES.length;
  if (tally.failed === 0 && everySuite && lines.length > 0 && selectedTargets().some((t) => t.name === 'current')) refreshReadmeScreenshots();
  console.log(`\n${lines.join('\n')}`);
  console.log(`e2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(projectRoot, screenshotDir)}/`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed === 0 ? 0 : 1;
}

// Every suite on one VS Code: its own server, browser, fakes and scratch folders.
async function runTarget(target: VscodeTarget, selection: SuiteSelection, tally: Tally): Promise<void> {
  console.log(`\n=== VS Code ${target.vscode} (code-server ${target.codeServer}, Node ${target.node}) ===`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-e2e-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'sample.ts'), SAMPLE);
  // Triage and the test-only language model vendor (a second extension the vscode-lm suites put in the pools).
  const extensions = developmentFolder(scratch);

  let server: CodeServer | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let fakes: DemoFakes | undefined;
  const started = Date.now();
  try {
    fakes = await startDemoFakes();
    ui.fakes = fakes;
    server = await startCodeServer({ target, dataDir: path.join(scratch, 'server'), userSettings: fakes.settings });
    ui.dataDir = server.dataDir;
    ui.userSettingsFile = path.join(server.dataDir, 'user-data', 'User', 'settings.json');
    console.log(`VS Code server on ${server.baseUrl} (${Date.now() - started} ms)`);
    browser = await launchBrowser();

    if (selection.hostSuites) await runExtensionHostSuites(browser.context.pages()[0] ?? (await browser.context.newPage()), server, workspace, extensions, tally);
    // A fresh folder: the UI suites start from a clean workbench, not the editors the host suites left.
    const uiWorkspace = path.join(scratch, 'ui-workspace');
    fs.mkdirSync(uiWorkspace);
    fs.writeFileSync(path.join(uiWorkspace, 'sample.ts'), SAMPLE);
    if (selection.uiSuites.length > 0) await runUiSuites(await browser.context.newPage(), server, uiWorkspace, extensions, selection.uiSuites, tally);
  } catch (err) {
    console.error(`harness error: ${err instanceof Error ? err.stack : String(err)}`);
    tally.failed++;
  } finally {
    await browser?.close();
    await server?.stop();
    await fakes?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

// Opens the workbench with extensionTestsPath; the suites run in the extension host and report through codeAutomationExit.
async function runExtensionHostSuites(page: Page, server: CodeServer, workspace: string, extensions: string, tally: Tally): Promise<void> {
  console.log('\n— extension-host suites —');
  let resolveExit!: (code: number) => void;
  const exitCode = new Promise<number>((resolve) => (resolveExit = resolve));
  const hostLog: string[] = []; // printed only when something fails: the workbench is chatty
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const line = (Array.isArray(args) ? args : [args]).map(String).join(' ');
    if (line.trim()) hostLog.push(`  [${type}] ${line}`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
  await page.goto(workbenchUrl(server, workspace, { extensionTestsPath: suiteEntry, developmentFolder: extensions }));
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 5 * 60_000).unref());
  const code = await Promise.race([exitCode, timeout]);
  const resultsFile = path.join(workspace, '.triage-e2e-results.json');
  if (!fs.existsSync(resultsFile)) {
    console.log(`  extension-host suites produced no results (exit code ${code}); workbench log:`);
    console.log(hostLog.join('\n'));
    await page.screenshot({ path: path.join(screenshotDir, `extension-host-failure-${server.target.name}.png`) });
    tally.failed++;
    return;
  }
  const outcomes: { title: string; state: string; error?: string }[] = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  fs.rmSync(resultsFile);
  for (const o of outcomes) {
    console.log(`  ${o.state === 'passed' ? '✔' : '✘'} ${o.title}`);
    if (o.error) console.log(indent(o.error, '      '));
    if (o.state === 'passed') tally.passed++;
    else tally.failed++;
  }
  if (code !== 0 && outcomes.every((o) => o.state === 'passed')) {
    console.log(`  extension host exited with ${code} although every test passed`);
    tally.failed++;
  }
  if (tally.failed > 0) console.log(hostLog.join('\n'));
  await page.close();
}

// Loads the workbench without test suites and runs the Playwright suites under test/e2e/ui against it.
async function runUiSuites(page: Page, server: CodeServer, workspace: string, extensions: string, suites: readonly string[], tally: Tally): Promise<void> {
  console.log('\n— UI suites —');
  ui.page = page;
  // The main target's screenshots (the README's) at the top; the others' in a folder named after the target.
  const shots = server.target.name === 'current' ? screenshotDir : path.join(screenshotDir, server.target.name);
  ui.screenshotDir = shots;
  await page.goto(workbenchUrl(server, workspace, { developmentFolder: extensions }));
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  if (suites[0] !== 'walkthrough') await closeFirstDemoWalkthrough(page);
  const mochaModule = require('mocha');
  const MochaCtor = mochaModule.Mocha ?? mochaModule.default ?? mochaModule;
  const mocha = new MochaCtor({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const dir = path.join(__dirname, 'ui');
  const onDisk = fs.readdirSync(dir).filter((f) => f.endsWith('.ui.ts'));
  const unlisted = onDisk.filter((f) => !UI_SUITES.includes(f.replace(/\.ui\.ts$/, '')));
  if (unlisted.length) throw new Error(`UI suites not listed in UI_SUITES: ${unlisted.join(', ')}`);
  for (const name of suites) mocha.addFile(path.join(dir, `${name}.ui.ts`));
  await mocha.loadFilesAsync();
  // A failing UI test leaves a screenshot of what the workbench showed.
  mocha.suite.afterEach(async function (this: { currentTest?: { state?: string; fullTitle(): string } }) {
    const test = this.currentTest;
    if (test?.state === 'failed') {
      const name = test.fullTitle().replace(/[^\w-]+/g, '-').slice(0, 80);
      await page.screenshot({ path: path.join(shots, `failed-${name}.png`) }).catch(() => undefined);
    }
  });
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => tally.passed++);
    runner.on('fail', () => tally.failed++);
  });
  mocha.unloadFiles(); // the next target loads the suites afresh
}

/**
 * This page load is the user's first demo start, so Triage opens the Get Started walkthrough (once). The walkthrough
 * suite asserts that and closes it; without it, the walkthrough would open while the first suite runs and take the
 * focus from its editor or input box (editAndReview run alone failed so). Waits for it to open, then closes it.
 */
async function closeFirstDemoWalkthrough(page: Page): Promise<void> {
  const walkthrough = page.locator('.gettingStartedContainer', { hasText: 'Get started with Triage' }).first();
  // Not this harness's assertion (the walkthrough suite makes it): if it never shows, the suites go on as before.
  if (!(await walkthrough.waitFor({ state: 'visible', timeout: 60_000 }).then(() => true, () => false))) {
    console.log('  (the first-demo walkthrough did not open within 60 s; the suites start without closing it)');
    return;
  }
  await runCommand('View: Close All Editors');
  await walkthrough.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The README's screenshots, refreshed from a fully green run so they always show the current UI. */
const README_SCREENSHOTS = ['chat-view', 'edit-diff', 'review-problems', 'spend-panel', 'lm-status-bar', 'lm-spend-panel'];

function refreshReadmeScreenshots(): void {
  for (const name of README_SCREENSHOTS) {
    const shot = path.join(screenshotDir, `${name}.png`);
    if (fs.existsSync(shot)) fs.copyFileSync(shot, path.join(projectRoot, 'media', `screenshot-${name}.png`));
  }
  console.log(`README screenshots refreshed in media/ (${README_SCREENSHOTS.join(', ')})`);
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
