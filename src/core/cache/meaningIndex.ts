// The meaning cache's index: one unit vector per cached chat question (int8, no text), its similarity, and its file format.

import { isRecord } from '../validated';

/** Bumped on an incompatible change of the index's shape; other versions read as empty. */
export const MEANING_INDEX_VERSION = 1;

/** One cached question as a vector: which exact-cache entry holds its answer, and what it must match besides meaning. */
export interface MeaningEntry {
  /** The exact-cache key of the answer. */
  readonly exactKey: string;
  /** Everything but the question's wording (pool, its models, prompt version): a match needs the same. */
  readonly contextKey: string;
  /** The embedding model that made the vector; vectors of different models are never compared. */
  readonly model: string;
  /** The unit vector × 127, rounded: a 768-dimension question is ~3 KB of JSON instead of ~15 KB. */
  readonly q: readonly number[];
  readonly storedAt: number;
}

/** The index as stored. */
export interface MeaningIndexFile {
  readonly v: typeof MEANING_INDEX_VERSION;
  readonly entries: readonly MeaningEntry[];
}

/** `v` scaled to length 1; undefined for an empty, zero or non-finite vector (nothing to compare). */
export function unitVector(v: readonly number[]): number[] | undefined {
  let norm = 0;
  for (const x of v) norm += x * x;
  if (v.length === 0 || !Number.isFinite(norm) || norm === 0) return undefined;
  const scale = 1 / Math.sqrt(norm);
  return v.map((x) => x * scale);
}

/** A unit vector as stored: int8 steps of 1/127. */
export function quantize(unit: readonly number[]): number[] {
  return unit.map((x) => Math.max(-127, Math.min(127, Math.round(x * 127))));
}

/** Cosine similarity of a unit vector and a stored one (0 when the lengths differ: another model). */
export function similarity(unit: readonly number[], q: readonly number[]): number {
  if (unit.length !== q.length) return 0;
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < q.length; i++) {
    const s = q[i] as number;
    dot += (unit[i] as number) * s;
    norm += s * s;
  }
  return norm === 0 ? 0 : dot / Math.sqrt(norm);
}

/** Stored entries of the same context and model whose similarity reaches `threshold`, best first. */
export function nearest(
  entries: readonly MeaningEntry[],
  unit: readonly number[],
  contextKey: string,
  model: string,
  threshold: number,
): { readonly entry: MeaningEntry; readonly similarity: number }[] {
  return entries
    .filter((e) => e.contextKey === contextKey && e.model === model)
    .map((entry) => ({ entry, similarity: similarity(unit, entry.q) }))
    .filter((m) => m.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity);
}

/** Parses the stored index; a malformed file reads as empty, a malformed entry is dropped. */
export function parseMeaningIndex(text: string | undefined): MeaningEntry[] {
  if (text === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isRecord(value) || value.v !== MEANING_INDEX_VERSION || !Array.isArray(value.entries)) return [];
  return value.entries.filter(isMeaningEntry);
}

function isMeaningEntry(value: unknown): value is MeaningEntry {
  return (
    isRecord(value) &&
    typeof value.exactKey === 'string' &&
    typeof value.contextKey === 'string' &&
    typeof value.model === 'string' &&
    Array.isArray(value.q) &&
    value.q.length > 0 &&
    value.q.every((x) => Number.isInteger(x) && Math.abs(x as number) <= 127) &&
    typeof value.storedAt === 'number' &&
    Number.isFinite(value.storedAt)
  );
}
