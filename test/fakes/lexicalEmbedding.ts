// The fake Ollama's embedding model: hashed words and word pairs, a deterministic stand-in for nomic-embed-text.
// It knows spelling, not meaning: figures measured with it test the threshold tool, never a real model's false hits.

/** Dimensions of the fake's vectors (nomic-embed-text has 768; any length works for cosine). */
export const LEXICAL_DIMENSIONS = 256;

function hash(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A unit-length vector of the words (weight 1) and adjacent word pairs (weight 0.5) of `text`, hashed with a sign. */
export function lexicalEmbedding(text: string): number[] {
  const words = text.toLowerCase().match(/[a-z0-9+#]+/g) ?? [];
  const v = new Array<number>(LEXICAL_DIMENSIONS).fill(0);
  const add = (feature: string, weight: number) => {
    const h = hash(feature, 0x811c9dc5);
    v[h % LEXICAL_DIMENSIONS] = (v[h % LEXICAL_DIMENSIONS] as number) + (hash(feature, 0x9747b28c) & 1 ? weight : -weight);
  };
  words.forEach((w, i) => {
    add(w, 1);
    if (i > 0) add(`${words[i - 1]} ${w}`, 0.5);
  });
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}
