// Runs a measurement in a fresh plain-Node process: bundles its entry with esbuild (no tsx hooks in the child,
// so nothing but the code under test is loaded), runs it and parses the one JSON line it prints.

import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { buildSync } from 'esbuild';

const run = promisify(execFile);

/** Bundles `entry` (a .ts file) for Node 20 into `outDir`; returns the output path. */
export function bundleForNode(entry: string, outDir: string, name: string): string {
  const outfile = path.join(outDir, `${name}.js`);
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error', external: ['vscode'] });
  return outfile;
}

/** Runs `node [flags] script [args]` and parses the last line of its output as JSON. */
export async function runJsonProbe<T>(script: string, args: readonly string[], flags: readonly string[] = []): Promise<T> {
  const { stdout } = await run(process.execPath, [...flags, script, ...args], { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}
