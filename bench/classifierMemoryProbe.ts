// Child process for bench/classifierBench.ts: the heap and RSS that loading the classifier bundle and classifying
// once add to a fresh Node process (run with --expose-gc; prints one JSON line).

import type { RequestClassifier } from '../src/core/classifier/requestClassifier';

/** What the probe prints. */
export interface ClassifierMemory {
  readonly heapBytes: number;
  readonly rssBytes: number;
}

function main(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  const bundle = process.argv[2];
  if (!gc || !bundle) throw new Error('usage: node --expose-gc classifierMemoryProbe.js <classifier bundle>');
  gc();
  const before = process.memoryUsage();
  const loaded = require(bundle) as { RequestClassifier: new () => RequestClassifier };
  const classifier = new loaded.RequestClassifier();
  classifier.classifyEmbedded({ kind: 'chat', instruction: 'Refactor this function to use a map instead of nested loops.' });
  (globalThis as { keptClassifier?: unknown }).keptClassifier = classifier; // still reachable at the second measurement
  gc();
  const after = process.memoryUsage();
  const result: ClassifierMemory = { heapBytes: after.heapUsed - before.heapUsed, rssBytes: after.rss - before.rss };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
