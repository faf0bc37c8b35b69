// The response cache's file store on a real temp folder: round trip, LRU times, two writers, corrupt files, clear.

import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ResponseCache } from '../../../src/core/cache/responseCache';
import { silentLogger } from '../../../src/core/ports';
import { CacheFileStore } from '../../../src/host/cacheFileStore';

const T0 = Date.UTC(2026, 10, 22, 12);
const value = (text: string, storedAt = T0) => ({
  text,
  servedBy: 'deepseek:deepseek-flash',
  servedPool: 'quick' as const,
  usage: { inputTokens: 10, cachedInputTokens: 0, outputTokens: 5 },
  costMicros: 12,
  storedAt,
});

describe('CacheFileStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'triage-cache-')), 'cache');
  });

  it('reads what it wrote, lists it by last use, and a touch moves it up', async () => {
    const store = new CacheFileStore(dir);
    assert.equal(await store.read('abc-1'), undefined, 'no folder yet is a miss, not an error');
    assert.deepEqual(await store.list(), []);
    await store.write('abc-1', 'one');
    await store.write('def-2', 'two');
    await store.touch('abc-1', T0);
    await store.touch('def-2', T0 - 60_000);
    assert.equal(await store.read('abc-1'), 'one');
    const listed = [...(await store.list())].sort((a, b) => a.usedAt - b.usedAt);
    assert.deepEqual(listed.map((e) => e.key), ['def-2', 'abc-1']);
    assert.equal(Math.round(listed[1]?.usedAt ?? 0), T0);
    await store.remove('abc-1');
    await store.remove('abc-1');
    assert.equal(await store.read('abc-1'), undefined);
    await store.clear();
    assert.deepEqual(await store.list(), []);
  });

  it('never turns a malformed key into a path', async () => {
    await assert.rejects(new CacheFileStore(dir).read('../escape'), /malformed key/);
  });

  it('two windows writing the same entries while a third reads see only whole entries, and leave no temp files', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => warnings.push(m) };
    const a = new ResponseCache(new CacheFileStore(dir), { now: () => T0 }, logger);
    const b = new ResponseCache(new CacheFileStore(dir), { now: () => T0 }, logger);
    const reader = new ResponseCache(new CacheFileStore(dir), { now: () => T0 }, logger);
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}-1`);
    const big = (who: string) => `${who}:`.padEnd(200_000, who);
    await Promise.all(keys.map((k) => a.save(k, value(big('a')))));
    const reads: (string | undefined)[] = [];
    await Promise.all(
      keys.flatMap((k) => [
        b.save(k, value(big('b'))),
        a.save(k, value(big('a'))),
        reader.lookup(k, 60_000).then((hit) => void reads.push(hit?.text)),
        reader.lookup(k, 60_000).then((hit) => void reads.push(hit?.text)),
      ]),
    );
    assert.deepEqual(warnings, [], 'no reader saw half an entry');
    assert.ok(reads.every((t) => t === big('a') || t === big('b')), 'every read during the writes was a whole hit');
    for (const k of keys) {
      const hit = await reader.lookup(k, 60_000);
      assert.ok(hit && (hit.text === big('a') || hit.text === big('b')), `${k} is one writer's whole entry`);
    }
    assert.deepEqual((await fs.readdir(dir)).filter((n) => n.endsWith('.tmp')), []);
  });

  it('two windows share entries and evict side by side without errors, down to the bound', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => warnings.push(m) };
    let t = T0;
    const clock = { now: () => t };
    const a = new ResponseCache(new CacheFileStore(dir), clock, logger, 5);
    const b = new ResponseCache(new CacheFileStore(dir), clock, logger, 5);
    await b.save('shared-1', value('from b'));
    assert.equal((await a.lookup('shared-1', 60_000))?.text, 'from b', 'window a hits what window b stored');
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).save(`w${i}-1`, value(`answer ${i}`))));
    t += 1000;
    await a.save('last-1', value('last'));
    assert.deepEqual(warnings, [], 'concurrent evictions never failed (an entry the other window removed is not an error)');
    const left = await new CacheFileStore(dir).list();
    assert.ok(left.length <= 5, `${left.length} entries kept`);
    assert.equal((await b.lookup('last-1', 60_000))?.text, 'last', 'the newest entry survived both windows\' evictions');
  });

  it('drops a corrupt file and misses instead of failing', async () => {
    const store = new CacheFileStore(dir);
    const cache = new ResponseCache(store, { now: () => T0 }, silentLogger);
    await cache.save('k-1', value('answer'));
    assert.equal((await cache.lookup('k-1', 60_000))?.text, 'answer');
    await fs.writeFile(path.join(dir, 'k-1.json'), '{"v":1,"key":"k-1","te');
    assert.equal(await cache.lookup('k-1', 60_000), undefined);
    assert.equal(await store.read('k-1'), undefined, 'the corrupt file was removed');
  });
});
