// `npm run evaluate -- --ollama [--model M] [--url U]`: measures `auto` mode (embedded + Ollama second opinion) on the unseen set.

import { NearestExamples } from '../core/classifier/nearestExamples';
import { DEFAULT_OLLAMA_CLASSIFIER_MODEL } from '../core/classifier/ollamaClassifier';
import { detectSensitiveInRequest } from '../core/classifier/privacy';
import { RequestClassifier } from '../core/classifier/requestClassifier';
import { silentLogger } from '../core/ports';
import type { PoolName } from '../core/request';
import { createProvider } from '../providers/createProvider';
import { DATA_FILES, readLabelledFile, recordToRequest } from './dataset';
import { computeMetrics, type Metrics } from './evaluation';

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function line(name: string, m: Metrics): string {
  const pct = (v: number): string => (v * 100).toFixed(1).padStart(5);
  return `${name.padEnd(24)} n=${String(m.n).padStart(4)}  acc ${pct(m.accuracy)}%  macroF1 ${m.macroF1.toFixed(3)}  under ${pct(m.underRouting)}%  over ${pct(m.overRouting)}%`;
}

/** Runs the measurement; exits 2 with a clear message when Ollama or the model is not there. */
export async function runOllamaEvaluation(args: readonly string[]): Promise<void> {
  const model = argValue(args, '--model') ?? DEFAULT_OLLAMA_CLASSIFIER_MODEL;
  const baseUrl = argValue(args, '--url') ?? 'http://127.0.0.1:11434';
  const provider = createProvider({ id: 'ollama', kind: 'ollama', baseUrl, timeoutMs: 10_000 }, { getApiKey: async () => undefined });
  const models = await provider.listModels?.(new AbortController().signal).catch(() => undefined);
  if (!models) {
    process.stderr.write(`Ollama is not reachable at ${baseUrl}; start it (ollama serve) and pull ${model}, or pass --url.\n`);
    process.exit(2);
  }
  if (!models.some((m) => m === model || m === `${model}:latest`)) {
    process.stderr.write(`Ollama at ${baseUrl} has no model ${model}; run: ollama pull ${model}\n`);
    process.exit(2);
  }
  const training = [...readLabelledFile(DATA_FILES.dev), ...readLabelledFile(DATA_FILES.extra)].filter((r) => detectSensitiveInRequest(recordToRequest(r)).length === 0);
  const index = new NearestExamples(() => training.map((r) => ({ text: `${r.text}\n${r.selection ?? ''}`.trim(), label: r.label })));
  const make = (mode: 'embedded' | 'auto' | 'ollama'): RequestClassifier =>
    new RequestClassifier({ mode, logger: silentLogger, ollama: { provider, model, timeoutMs: 10_000, examples: index.source } });
  const test = readLabelledFile(DATA_FILES.public);
  const truth: PoolName[] = test.map((r) => r.label);
  for (const mode of ['embedded', 'auto', 'ollama'] as const) {
    const classifier = make(mode);
    const chosen: PoolName[] = [];
    let asked = 0;
    for (const record of test) {
      const c = await classifier.classify(recordToRequest(record), new AbortController().signal);
      if (c.source === 'ollama') asked++;
      chosen.push(c.pool);
    }
    process.stdout.write(`${line(`${mode} (${model})`, computeMetrics(truth, chosen))}  ollama answered ${asked}\n`);
  }
}
