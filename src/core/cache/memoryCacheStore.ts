// A CacheStore in memory: for tests, tools and the bench (the extension uses the file store in host/).

import type { CacheStore } from '../ports';

export class MemoryCacheStore implements CacheStore {
  readonly entries = new Map<string, { text: string; usedAt: number }>();

  constructor(private readonly now: () => number) {}

  async read(key: string): Promise<string | undefined> {
    return this.entries.get(key)?.text;
  }
  async write(key: string, text: string): Promise<void> {
    this.entries.set(key, { text, usedAt: this.now() });
  }
  async remove(key: string): Promise<void> {
    this.entries.delete(key);
  }
  async list(): Promise<readonly { key: string; usedAt: number }[]> {
    return [...this.entries].map(([key, e]) => ({ key, usedAt: e.usedAt }));
  }
  async touch(key: string, at: number): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) entry.usedAt = at;
  }
  async clear(): Promise<void> {
    this.entries.clear();
  }
}
