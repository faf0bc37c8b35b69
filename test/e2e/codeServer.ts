// Installs (once, from the npm registry) and runs code-server — a real VS Code — on 127.0.0.1 for tests and `npm start`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const projectRoot = path.resolve(__dirname, '..', '..');
const installPrefix = path.join(projectRoot, '.vscode-test', 'code-server');
const HEALTH_POLL_MS = 100; // polling another process's readiness, not synchronising a test
const entry = path.join(installPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Installs code-server into `.vscode-test/` unless it is there; only the npm registry is reached. */
export function ensureCodeServer(log: (line: string) => void = console.log): string {
  if (fs.existsSync(entry)) return entry;
  log(`Installing code-server@${CODE_SERVER_VERSION} into .vscode-test/ (about a minute, once)…`);
  // Keep every cache inside the clone: the install's temp dir (where the ripgrep cache lives) is .vscode-test/tmp.
  const tmp = path.join(projectRoot, '.vscode-test', 'tmp');
  seedRipgrepCache(tmp);
  writeInstallPolicy();
  // code-server's postinstall.sh refuses to run as root unless npm_config_unsafe_perm is "true" (it reads the variable,
  // not npm's option, which npm 11 no longer has): set the variable alone, so root CI installs and npm has no flag to reject.
  const result = spawnSync(
    'npm',
    ['install', '--prefix', installPrefix, `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund'],
    { stdio: 'inherit', env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', TMPDIR: tmp } },
  );
  if (result.status !== 0 || !fs.existsSync(entry)) {
    throw new Error(
      'code-server did not install. It needs build tools and headers from Debian: ' +
        'apt-get install -y build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep',
    );
  }
  return entry;
}

/** Install scripts this install needs (code-server builds its native modules; argon2 its binding), approved the way
 *  npm 11 expects: `allowScripts` in the prefix's package.json (a project-scoped install rejects --allow-scripts). */
export const CODE_SERVER_ALLOW_SCRIPTS: Readonly<Record<string, boolean>> = { 'code-server': true, argon2: true };

function writeInstallPolicy(): void {
  fs.mkdirSync(installPrefix, { recursive: true });
  const file = path.join(installPrefix, 'package.json');
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, `${JSON.stringify({ ...current, private: true, allowScripts: CODE_SERVER_ALLOW_SCRIPTS }, null, 2)}\n`);
}

// code-server's ripgrep postinstall downloads from GitHub unless its cache holds the archive; seed it from Debian's rg.
function seedRipgrepCache(tmp: string): void {
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep (rg) is missing: apt-get install -y ripgrep');
  const cacheDir = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  const archive = path.join(cacheDir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (fs.existsSync(archive)) return;
  fs.mkdirSync(cacheDir, { recursive: true });
  const tar = spawnSync('tar', ['czf', archive, '-C', path.dirname(rg), 'rg']);
  if (tar.status !== 0) throw new Error(`could not seed the ripgrep cache: ${tar.stderr}`);
}

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
  stop(): Promise<void>;
}

/** Starts code-server with no auth, no telemetry, no gallery, in its own process group, and waits for /healthz. */
export async function startCodeServer(options: {
  port?: number;
  dataDir: string;
  userSettings?: Record<string, unknown>;
  log?: (line: string) => void;
}): Promise<CodeServer> {
  const main = ensureCodeServer(options.log);
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
  const configFile = path.join(options.dataDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const args = [
    main,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDir,
    '--extensions-dir', path.join(options.dataDir, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
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
    if (dead) throw new Error(`code-server exited during startup:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, HEALTH_POLL_MS));
  }
  throw new Error(`code-server did not become healthy in 60 s:\n${output()}`);
}

/** The workbench URL that opens `folder` with the extension under development (and, optionally, its test suite). */
export function workbenchUrl(server: CodeServer, folder: string, opts: { extensionTestsPath?: string } = {}): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(projectRoot)]];
  if (opts.extensionTestsPath) payload.push(['extensionTestsPath', remote(opts.extensionTestsPath)]);
  return `${server.baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export { projectRoot };
