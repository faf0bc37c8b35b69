// `npx tsx bench/classifierLatency.ts`: per-request latency of the privacy rule and the embedded classifier.
//
// Every dev + extra prompt is classified `--warmup` times (default 3) unmeasured, then `--passes` times
// (default 10) measured; each call is timed on its own, in a different shuffled order per pass.
// Columns: `privacy` = detectSensitiveInRequest, `embedded` = EmbeddedClassifier.classify (features +
// model + reason), `both` = RequestClassifier.classifyEmbedded (privacy, then the model: what the router
// calls). `--json` prints the figures as one JSON object. Tail figures are only meaningful on an idle
// machine, so the share of CPU time other processes took during the run is printed with them (with a
// warning above 10%).

import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { EmbeddedClassifier } from '../src/core/classifier/embeddedClassifier';
import { detectSensitiveInRequest } from '../src/core/classifier/privacy';
import { RequestClassifier } from '../src/core/classifier/requestClassifier';
import type { TriageRequest } from '../src/core/request';
import { DATA_FILES, readLabelledFile, recordToRequest } from '../src/cli/dataset';

/** Latency percentiles of one stage, in microseconds. */
export interface LatencyFigures {
  readonly n: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}

/** Deterministic shuffle (mulberry32), so runs are comparable and no request always follows another. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Busy milliseconds summed over all CPUs (user, nice, sys, irq), from the kernel's tick counters. */
function busyMs(): number {
  return cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, 0);
}

function figures(samples: number[]): LatencyFigures {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  const mean = samples.reduce((s, v) => s + v, 0) / samples.length;
  return { n: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] as number, mean };
}

/** Measures the three stages over `requests`; returns percentiles in µs per stage. */
export function measureClassifierLatency(
  requests: readonly TriageRequest[],
  warmup = 3,
  passes = 10,
): Record<'privacy' | 'embedded' | 'both', LatencyFigures> {
  const embedded = new EmbeddedClassifier();
  const classifier = new RequestClassifier({ embedded });
  const stages: Record<'privacy' | 'embedded' | 'both', (r: TriageRequest) => unknown> = {
    privacy: (r) => detectSensitiveInRequest(r),
    embedded: (r) => embedded.classify(r),
    both: (r) => classifier.classifyEmbedded(r),
  };
  const samples = { privacy: [] as number[], embedded: [] as number[], both: [] as number[] };
  let sink = 0;
  for (let pass = 0; pass < warmup + passes; pass++) {
    for (const request of shuffled(requests, pass + 1)) {
      for (const stage of ['privacy', 'embedded', 'both'] as const) {
        const start = performance.now();
        const result = stages[stage](request);
        const micros = (performance.now() - start) * 1000;
        if (result) sink++;
        if (pass >= warmup) samples[stage].push(micros);
      }
    }
  }
  if (sink < 0) throw new Error('unreachable');
  return { privacy: figures(samples.privacy), embedded: figures(samples.embedded), both: figures(samples.both) };
}

function main(): void {
  const records = [...readLabelledFile(DATA_FILES.dev), ...readLabelledFile(DATA_FILES.extra)];
  const requests = records.map(recordToRequest);
  const warmup = argument('warmup', 3);
  const passes = argument('passes', 10);
  const [busyBefore, ownBefore, wallBefore] = [busyMs(), process.cpuUsage(), performance.now()];
  const result = measureClassifierLatency(requests, warmup, passes);
  const own = process.cpuUsage(ownBefore);
  const ownMs = (own.user + own.system) / 1000;
  const cpuCount = cpus().length;
  const othersShare = Math.max(0, busyMs() - busyBefore - ownMs) / ((performance.now() - wallBefore) * cpuCount);
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ node: process.version, requests: requests.length, warmup, passes, cpus: cpuCount, othersShare, ...result })}\n`);
    return;
  }
  const cell = (v: number): string => v.toFixed(1).padStart(8);
  const lines = [
    `${requests.length} requests × ${passes} passes (after ${warmup} warm-up), Node ${process.version}, ${cpuCount} CPUs; µs per request`,
    `${'stage'.padEnd(10)}${['p50', 'p90', 'p99', 'max', 'mean'].map((h) => h.padStart(8)).join('')}`,
    ...(['privacy', 'embedded', 'both'] as const).map((stage) => {
      const f = result[stage];
      return `${stage.padEnd(10)}${cell(f.p50)}${cell(f.p90)}${cell(f.p99)}${cell(f.max)}${cell(f.mean)}`;
    }),
  ];
  const others = `other processes took ${(othersShare * 100).toFixed(0)}% of the CPU time during the run`;
  lines.push(othersShare > 0.1 ? `warning: ${others}; p99 and max are not reliable` : others);
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) main();
