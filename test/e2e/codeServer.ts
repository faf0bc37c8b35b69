// Runs a real VS Code (code-server's bundled VS Code server, installed by vscodeTargets) on 127.0.0.1 for tests and `npm start`.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ensureTarget, nodeBinary, TARGETS, type VscodeTarget } from './vscodeTargets';

const projectRoot = path.resolve(__dirname, '..', '..');
const POLL_MS = 100; // polling another process's readiness, not synchronising a test

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A running code-server; `stop()` kills its whole process group (extension hosts included). */
export interface CodeServer {
  readonly port: number;
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly target: VscodeTarget;
  stop(): Promise<void>;
}

/** Starts the VS Code server with no auth, no telemetry, no gallery, in its own process group, and waits until it answers. */
export async function startCodeServer(options: {
  target?: VscodeTarget;
  port?: number;
  dataDir: string;
  userSettings?: Record<string, unknown>;
  log?: (line: string) => void;
}): Promise<CodeServer> {
  const target = options.target ?? TARGETS[0];
  const main = ensureTarget(target, options.log);
  const port = options.port ?? (await freePort());
  const userDir = path.join(options.dataDir, 'user-data');
  fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
  // Keep what a person changed in an earlier run; our keys win.
  const settingsFile = path.join(userDir, 'User', 'settings.json');
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // first run, or a file that is not plain JSON: start fresh
  }
  fs.writeFileSync(
    settingsFile,
    JSON.stringify(
      {
        ...existing,
        'telemetry.telemetryLevel': 'off',
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        ...options.userSettings,
      },
      null,
      2,
    ),
  );
  // VS Code's own server (not the code-server wrapper): only it takes --enable-smoke-test-driver, without which
  // 1.139 ignores the test payload (extensionTestsPath). code-server's patches (settings on the server) still apply.
  const args = [
    main,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--user-data-dir', userDir,
    '--server-data-dir', path.join(options.dataDir, 'server-data'),
    '--extensions-dir', path.join(options.dataDir, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
  ];
  const child: ChildProcess = spawn(nodeBinary(target), args, {
    detached: true, // own process group, so stop() reaches the extension hosts too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}' },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealthy(baseUrl, exited, () => output.join(''));
  let stopped = false;
  return {
    port,
    baseUrl,
    dataDir: options.dataDir,
    target,
    async stop() {
      if (stopped) return;
      stopped = true;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // stragglers left in the group after the leader exited
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

// Polls /healthz until it answers; fails fast if the server exits first.
async function waitForHealthy(baseUrl: string, exited: Promise<void>, output: () => string): Promise<void> {
  let dead = false;
  void exited.then(() => (dead = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (dead) throw new Error(`the VS Code server exited during startup:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/version`);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`the VS Code server did not answer in 60 s:\n${output()}`);
}

/** The test-only extension offering a second language model vendor (built by `esbuild.js --tests`). */
export const lmTestExtensionPath = path.join(projectRoot, 'out', 'test', 'e2e', 'lmTestExtension');

/**
 * A folder holding the extension under development and the test-only language model vendor, as links: the workbench
 * keeps only the last `extensionDevelopmentPath` of its payload, and VS Code loads every extension in a development
 * folder that has no package.json of its own.
 */
export function developmentFolder(scratch: string): string {
  const folder = path.join(scratch, 'development-extensions');
  fs.mkdirSync(folder, { recursive: true });
  fs.symlinkSync(projectRoot, path.join(folder, 'triage'), 'dir');
  fs.symlinkSync(lmTestExtensionPath, path.join(folder, 'triage-e2e-lm'), 'dir');
  return folder;
}

/**
 * The workbench URL that opens `folder` with the extension under development (or every extension in
 * `developmentFolder`) and, optionally, its test suite.
 */
export function workbenchUrl(server: CodeServer, folder: string, opts: { extensionTestsPath?: string; developmentFolder?: string } = {}): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(opts.developmentFolder ?? projectRoot)]];
  if (opts.extensionTestsPath) payload.push(['extensionTestsPath', remote(opts.extensionTestsPath)]);
  return `${server.baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export { projectRoot };
