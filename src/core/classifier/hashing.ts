// The string hash shared by training and inference: 32-bit FNV-1a over UTF-16 code units.

/** Number of buckets hashed n-grams fall into (2^18). */
export const HASH_BUCKETS = 1 << 18;

/**
 * 32-bit FNV-1a hash of a string's UTF-16 code units, as an unsigned integer.
 * Deterministic across platforms: only integer arithmetic via `Math.imul`.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The bucket of a named feature in [0, HASH_BUCKETS). */
export function bucketOf(name: string): number {
  return fnv1a(name) % HASH_BUCKETS;
}

/** FNV-1a of the concatenation of `parts` joined by single spaces, without building the string. */
export function fnv1aJoined(parts: readonly string[]): number {
  let hash = 0x811c9dc5;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      hash ^= 0x20;
      hash = Math.imul(hash, 0x01000193);
    }
    const text = parts[p] as string;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return hash >>> 0;
}
