// `npm run evaluate`: LOSO over all training groups, the unseen set per kind and source, privacy catch rate, latency.

import { shippedEncoderHead } from '../core/classifier/embeddedClassifier';
import { detectSensitiveInRequest } from '../core/classifier/privacy';
import { POOLS } from '../core/request';
import { NEGATIVES, POSITIVES } from '../../test/unit/classifier/privacyCorpus';
import { DATA_FILES, readLabelledFile, readTrainingExtras } from './dataset';
import type { Metrics } from './evaluation';
import { latency, losoAllGroups, slices, unseenDecisions } from './evaluationReport';
import { runOllamaEvaluation } from './evaluateOllama';

const pct = (v: number): string => (v * 100).toFixed(1).padStart(5);
function pair(name: string, a: Metrics, b: Metrics): string {
  const cell = (m: Metrics): string => `${pct(m.accuracy)} ${pct(m.underRouting)} ${pct(m.overRouting)} ${m.macroF1.toFixed(3)}`;
  return `${name.padEnd(28)} n=${String(a.n).padStart(4)} | ${cell(a)} | ${cell(b)}`;
}
const HEADER = `${''.padEnd(35)} | hashed alone: acc under over F1 | with encoder: acc under over F1`;

function confusion(m: Metrics): string {
  const header = `${'true \\ chosen'.padEnd(14)}${POOLS.map((p) => p.padStart(10)).join('')}`;
  return [header, ...m.confusion.map((row, i) => `${(POOLS[i] as string).padEnd(14)}${row.map((v) => String(v).padStart(10)).join('')}`)].join('\n');
}

async function main(): Promise<void> {
  const print = (...lines: string[]): void => void process.stdout.write(`${lines.join('\n')}\n`);
  const pub = readLabelledFile(DATA_FILES.public);
  const { hashed, blended } = await unseenDecisions(pub);
  const a = slices(pub, hashed);
  const b = slices(pub, blended);
  const order = ['all', 'kind edit', 'kind chat', 'kind review', 'korean', 'not korean', ...Object.keys(a).filter((k) => !/^(all|kind |korean|not korean)/.test(k)).sort()];
  print(`Unseen: ${DATA_FILES.public} (sources never trained or tuned on), shipped weights`, HEADER, ...order.filter((k) => a[k]).map((k) => pair(`  ${k}`, a[k] as Metrics, b[k] as Metrics)), '', 'with encoder, confusion:', confusion(b.all as Metrics), '');

  const caught = POSITIVES.filter((c) => detectSensitiveInRequest({ kind: 'chat', instruction: c.text }).length > 0).length;
  const passed = NEGATIVES.filter((c) => detectSensitiveInRequest({ kind: 'chat', instruction: c.text }).length === 0).length;
  print(`Privacy: ${caught}/${POSITIVES.length} credential/identifier cases caught; ${passed}/${NEGATIVES.length} placeholders passed (none caught: ${passed === NEGATIVES.length})`, '');

  if (!process.argv.includes('--no-latency')) {
    const l = await latency(pub);
    print(`Latency (ms, this machine): hashed p50 ${l.hashed[0].toFixed(3)} p99 ${l.hashed[1].toFixed(3)}; with encoder (worker, loaded) p50 ${l.encoder[0].toFixed(1)} p99 ${l.encoder[1].toFixed(1)}; encoder load ${l.loadMs.toFixed(0)}`, '');
  }

  if (!process.argv.includes('--no-loso')) {
    // Minutes: one training run per held-out group, for both heads.
    const loso = await losoAllGroups(readLabelledFile(DATA_FILES.dev), readTrainingExtras(), shippedEncoderHead().data.blend);
    print(`LOSO over all training groups (margins ${loso.margins[0]} / ${loso.margins[1]} tuned on these predictions)`, HEADER, pair('  all', loso.hashed, loso.blended), ...Object.entries(loso.byGroup).map(([g, [x, y]]) => pair(`  ${g}`, x, y)));
  }
}

// --ollama measures the second opinion instead (needs a running Ollama with the model).
if (require.main === module) {
  if (process.argv.includes('--ollama')) void runOllamaEvaluation(process.argv.slice(2));
  else void main();
}
