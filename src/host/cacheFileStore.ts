// The response cache on disk: one small JSON file per entry in global storage, written temp-then-rename so windows share it.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CacheStore } from '../core/ports';

const SUFFIX = '.json';
/** Keys are made by cacheKeyHash: hex and a dash. Anything else is never turned into a path. */
const SAFE_KEY = /^[0-9a-z-]{1,64}$/;

export class CacheFileStore implements CacheStore {
  private seq = 0;

  constructor(private readonly dir: string) {}

  async read(key: string): Promise<string | undefined> {
    try {
      return await fs.readFile(this.file(key), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** A rename within one directory is atomic: another window reads the old entry or the new one, never half of one. */
  async write(key: string, text: string): Promise<void> {
    const target = this.file(key);
    await fs.mkdir(this.dir, { recursive: true });
    const temp = path.join(this.dir, `.${key}.${process.pid}.${this.seq++}.tmp`);
    try {
      await fs.writeFile(temp, text, 'utf8');
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
  }

  /** Last use is the file's modification time (set on write, and by `touch` on a hit). */
  async list(): Promise<readonly { key: string; usedAt: number }[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const keys = names.filter((n) => n.endsWith(SUFFIX) && !n.startsWith('.')).map((n) => n.slice(0, -SUFFIX.length));
    const listed = await Promise.all(
      keys.map(async (key) => {
        try {
          return { key, usedAt: (await fs.stat(this.file(key))).mtimeMs };
        } catch {
          return undefined; // removed by another window meanwhile
        }
      }),
    );
    return listed.filter((e): e is { key: string; usedAt: number } => e !== undefined);
  }

  async touch(key: string, at: number): Promise<void> {
    try {
      await fs.utimes(this.file(key), at / 1000, at / 1000);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async clear(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }

  private file(key: string): string {
    if (!SAFE_KEY.test(key)) throw new Error('response cache: malformed key');
    return path.join(this.dir, `${key}${SUFFIX}`);
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
