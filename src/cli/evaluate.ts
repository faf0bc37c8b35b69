// `npm run evaluate`: prints LOSO and k-fold figures of the embedded classifier (add --json for machine output).

import { POOLS } from '../core/request';
import { DATA_FILES, readLabelledFile } from './dataset';
import { evaluateClassifier, evaluateShipped, type Metrics } from './evaluation';
import { runOllamaEvaluation } from './evaluateOllama';

function line(name: string, m: Metrics): string {
  const pct = (v: number): string => (v * 100).toFixed(1).padStart(5);
  return `${name.padEnd(24)} n=${String(m.n).padStart(4)}  acc ${pct(m.accuracy)}%  macroF1 ${m.macroF1.toFixed(3)}  under ${pct(m.underRouting)}%  over ${pct(m.overRouting)}%`;
}

function confusion(m: Metrics): string {
  const header = `${'true \\ chosen'.padEnd(14)}${POOLS.map((p) => p.padStart(10)).join('')}`;
  const rows = m.confusion.map((row, i) => `${(POOLS[i] as string).padEnd(14)}${row.map((v) => String(v).padStart(10)).join('')}`);
  return [header, ...rows].join('\n');
}

function main(): void {
  const dev = readLabelledFile(DATA_FILES.dev);
  const extra = readLabelledFile(DATA_FILES.extra);
  const report = evaluateClassifier(dev, extra);
  const unseen = evaluateShipped(readLabelledFile(DATA_FILES.public));
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ ...report, unseen })}\n`);
    return;
  }
  const out = [
    line('LOSO (dev)', report.loso),
    line('5-fold (dev)', report.kfold),
    ...(report.losoExtra ? [line('LOSO (authored extra)', report.losoExtra)] : []),
    `margin (tuned on LOSO): ${report.margin}`,
    '',
    'LOSO by held-out source:',
    ...Object.entries(report.losoBySource).map(([group, m]) => line(`  ${group}`, m)),
    '',
    'LOSO confusion (dev):',
    confusion(report.loso),
    '',
    '5-fold confusion (dev):',
    confusion(report.kfold),
    '',
    `Shipped weights on ${DATA_FILES.public} (other public sources, never trained on):`,
    line('  all', unseen.overall),
    ...Object.entries(unseen.bySource).map(([group, m]) => line(`  ${group}`, m)),
    '',
    confusion(unseen.overall),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

// --ollama measures the second opinion instead (needs a running Ollama with the model).
if (require.main === module) {
  if (process.argv.includes('--ollama')) void runOllamaEvaluation(process.argv.slice(2));
  else main();
}
