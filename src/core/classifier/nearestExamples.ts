// A small nearest-neighbour index over labelled prompts, for few-shot examples in the Ollama prompt.

import type { PoolName } from '../request';
import { fnv1a } from './hashing';

/** One labelled prompt shown to the small model as an example. */
export interface LabelledExample {
  readonly text: string;
  readonly label: PoolName;
}

/** Gives the few labelled examples nearest to a request text. */
export type ExampleSource = (text: string, count: number) => readonly LabelledExample[];

// Few buckets keep each vector tiny; collisions only blur similarity a little.
const BUCKETS = 1 << 12;
const MAX_TOKENS = 400;

/** Sorted unique hashed word unigrams and bigrams of `text` (lowercased, letters/digits, any script). */
export function hashedTokens(text: string): Uint16Array {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu)?.slice(0, MAX_TOKENS) ?? [];
  const set = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    set.add(fnv1a(words[i] as string) % BUCKETS);
    if (i > 0) set.add(fnv1a(`${words[i - 1] as string} ${words[i] as string}`) % BUCKETS);
  }
  return Uint16Array.from([...set].sort((a, b) => a - b));
}

/** Cosine similarity of two binary vectors given as sorted unique bucket lists. */
export function binaryCosine(a: Uint16Array, b: Uint16Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / Math.sqrt(a.length * b.length);
}

/**
 * Brute-force cosine kNN over hashed tokens; the index is built on the first query, not at
 * construction, so holding one costs nothing until Ollama is actually asked.
 */
export class NearestExamples {
  private index: { readonly example: LabelledExample; readonly tokens: Uint16Array }[] | undefined;

  constructor(private readonly examples: () => readonly LabelledExample[]) {}

  /** The `count` most similar examples, at most one per identical text, best first; ties keep input order. */
  nearest(text: string, count: number): LabelledExample[] {
    this.index ??= this.examples().map((example) => ({ example, tokens: hashedTokens(example.text) }));
    const query = hashedTokens(text);
    const scored = this.index
      .map((entry, order) => ({ entry, order, score: binaryCosine(query, entry.tokens) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.order - b.order);
    const seen = new Set<string>();
    const out: LabelledExample[] = [];
    for (const { entry } of scored) {
      if (out.length >= count) break;
      if (seen.has(entry.example.text)) continue;
      seen.add(entry.example.text);
      out.push(entry.example);
    }
    return out;
  }

  /** This index as an ExampleSource. */
  readonly source: ExampleSource = (text, count) => this.nearest(text, count);
}
