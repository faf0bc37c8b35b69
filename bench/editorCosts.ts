// Part 3: what the extension costs the editor — activation time (plain Node, stub `vscode`), bundle sizes, the
// wasm grammars and the .vsix. Builds in a temporary staging folder so the shared dist/ is never touched.

import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';
import type { ActivationProbeResult } from './activationProbe';

// The build script is CommonJS and only builds when run directly; here it lends its plugin.
const { lazyProviders } = require('../esbuild.js') as { lazyProviders: Plugin };
import { bundleForNode, runJsonProbe } from './probe';
import { percentiles, type Percentiles } from './stats';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const ACTIVATION_RUNS = 7;

/** Everything part 3 produces; sizes in bytes. */
export interface EditorCostsReport {
  readonly build: { readonly ok: boolean; readonly seconds: number; readonly error?: string };
  readonly activation?: {
    readonly runs: number;
    readonly requireMs: Percentiles;
    readonly activateMs: Percentiles;
    readonly totalMs: Percentiles;
    readonly networkCalls: number;
    readonly secretReads: number;
    readonly commandsRegistered: number;
    readonly errors: readonly string[];
  };
  readonly sizes?: {
    readonly extensionJs: number;
    /** The adapters and SDKs, loaded on the first request. */
    readonly providersJs: number;
    readonly webview: Readonly<Record<string, number>>;
    readonly wasmTotal: number;
    readonly wasmFiles: number;
  };
  /** The largest contributors to the minified extension bundle, by npm package (or `src`). */
  readonly bundleComposition?: readonly { readonly part: string; readonly bytes: number }[];
  /** `ok` is whether the packaging command as `npm run package` runs it worked; bytes may come from a retry. */
  readonly vsix: { readonly ok: boolean; readonly bytes?: number; readonly files?: number; readonly error?: string; readonly retriedWith?: string };
}

/** A folder holding what `npm run package` reads, with src/ and node_modules/ linked, so dist/ is built there. */
async function stage(dir: string): Promise<void> {
  for (const file of ['package.json', 'README.md', 'LICENSE', '.vscodeignore']) {
    await fs.copyFile(path.join(ROOT, file), path.join(dir, file)).catch(() => undefined);
  }
  await fs.cp(path.join(ROOT, 'media'), path.join(dir, 'media'), { recursive: true });
  await fs.symlink(path.join(ROOT, 'src'), path.join(dir, 'src'), 'dir');
  await fs.symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

async function sizeOf(file: string): Promise<number> {
  return (await fs.stat(file)).size;
}

async function folderSizes(dir: string, suffix: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of (await fs.readdir(dir)).sort()) if (name.endsWith(suffix)) out[name] = await sizeOf(path.join(dir, name));
  return out;
}

/** Bytes of the minified extension bundle per npm package, from an esbuild metafile of the same entry. */
async function bundleComposition(): Promise<{ part: string; bytes: number }[]> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'src', 'extension.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // As shipped: the adapters, SDKs and tree-sitter runtime are split off by esbuild.js's plugin.
    plugins: [lazyProviders],
    write: false,
    metafile: true,
    outfile: path.join(os.tmpdir(), 'triage-bench-composition.js'),
    logLevel: 'error',
  });
  const totals = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const part = match ? (match[1] as string) : 'src (Triage)';
      totals.set(part, (totals.get(part) ?? 0) + bytesInOutput);
    }
  }
  return [...totals.entries()].map(([part, bytes]) => ({ part, bytes })).sort((a, b) => b.bytes - a.bytes);
}

async function measureActivation(stageDir: string, workDir: string): Promise<NonNullable<EditorCostsReport['activation']>> {
  const probe = bundleForNode(path.join(__dirname, 'activationProbe.ts'), workDir, 'activationProbe');
  const results: ActivationProbeResult[] = [];
  for (let i = 0; i < ACTIVATION_RUNS; i++) {
    results.push(await runJsonProbe<ActivationProbeResult>(probe, [stageDir, path.join(workDir, `storage-${i}`)]));
  }
  return {
    runs: results.length,
    requireMs: percentiles(results.map((r) => r.requireMs)),
    activateMs: percentiles(results.map((r) => r.activateMs)),
    totalMs: percentiles(results.map((r) => r.requireMs + r.activateMs)),
    networkCalls: Math.max(...results.map((r) => r.networkDuring + r.networkAfter)),
    secretReads: Math.max(...results.map((r) => r.secretReadsDuring + r.secretReadsAfter)),
    commandsRegistered: Math.max(...results.map((r) => r.commandsRegistered)),
    errors: results.flatMap((r) => (r.error ? [r.error] : [])),
  };
}

/** First lines of a failed command's output, without terminal colours. */
function failure(error: unknown): string {
  const detail = error as { stderr?: string; stdout?: string; message?: string };
  const text = detail.stderr?.trim() || detail.stdout?.trim() || detail.message || String(error);
  return text.replace(/\u001b\[[0-9;]*m/g, '').trim().split('\n').slice(0, 5).join(' ');
}

async function vscePackage(stageDir: string, out: string, extra: readonly string[]): Promise<{ bytes: number; files?: number }> {
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', ...extra, '-o', out];
  const { stdout } = await run(process.execPath, args, { cwd: stageDir, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
  const files = /\((\d+) files?/.exec(stdout)?.[1];
  return { bytes: await sizeOf(out), ...(files ? { files: Number(files) } : {}) };
}

/**
 * Packages as `npm run package` does. If that fails, says why, then packages again with placeholder base URLs
 * for README links (the usual cause) so the size is still known.
 */
async function packageVsix(stageDir: string): Promise<EditorCostsReport['vsix']> {
  // vsce must not wander into the linked source and dependencies.
  await fs.rm(path.join(stageDir, 'src'));
  await fs.rm(path.join(stageDir, 'node_modules'));
  const out = path.join(stageDir, 'triage.vsix');
  try {
    return { ok: true, ...(await vscePackage(stageDir, out, [])) };
  } catch (error) {
    const why = failure(error);
    const base = 'https://example.invalid/triage/';
    try {
      const retried = await vscePackage(stageDir, out, ['--baseContentUrl', base, '--baseImagesUrl', base]);
      return { ok: false, error: why, ...retried, retriedWith: '--baseContentUrl/--baseImagesUrl placeholders' };
    } catch (second) {
      return { ok: false, error: `${why}; retry with placeholder base URLs also failed: ${failure(second)}` };
    }
  }
}

/** Runs part 3: production build in a staging folder, activation probe runs, sizes, composition, .vsix. */
export async function editorCosts(log: (line: string) => void = () => {}): Promise<EditorCostsReport> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'triage-bench-editor-'));
  const stageDir = path.join(workDir, 'extension');
  try {
    await fs.mkdir(stageDir);
    await stage(stageDir);
    const started = Date.now();
    try {
      await run(process.execPath, [path.join(ROOT, 'esbuild.js'), '--production'], { cwd: stageDir, timeout: 300_000 });
    } catch (error) {
      return { build: { ok: false, seconds: (Date.now() - started) / 1000, error: failure(error) }, vsix: { ok: false, error: 'no build' } };
    }
    const buildSeconds = (Date.now() - started) / 1000;
    log(`  editor: production build in ${buildSeconds.toFixed(1)} s`);
    const dist = path.join(stageDir, 'dist');
    const wasm = await folderSizes(path.join(dist, 'wasm'), '.wasm');
    const sizes = {
      extensionJs: await sizeOf(path.join(dist, 'extension.js')),
      providersJs: await sizeOf(path.join(dist, 'providers.js')),
      webview: await folderSizes(path.join(dist, 'webview'), '.js'),
      wasmTotal: Object.values(wasm).reduce((a, b) => a + b, 0),
      wasmFiles: Object.keys(wasm).length,
    };
    const activation = await measureActivation(stageDir, workDir);
    log(`  editor: activation measured (${activation.runs} fresh processes)`);
    const composition = await bundleComposition();
    const vsix = await packageVsix(stageDir);
    log(`  editor: vsce package ${vsix.ok ? 'done' : 'failed'}`);
    return { build: { ok: true, seconds: buildSeconds }, activation, sizes, bundleComposition: composition.slice(0, 6), vsix };
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}
