// `npm run classify`: one JSON line per readable record, bad lines reported on stderr, others still printed.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POOLS } from '../../../src/core/request';

describe('classify CLI', () => {
  it('prints exactly one JSON line per record, in order, skips unreadable lines and guesses a missing kind, with a message', function () {
    this.timeout(30000);
    const dir = mkdtempSync(join(tmpdir(), 'triage-classify-'));
    const file = join(dir, 'in.jsonl');
    const lines = [
      JSON.stringify({ id: 'a', kind: 'edit', text: 'Rename foo to bar', selection: 'let foo = 1;', label: 'coding' }),
      '{not json',
      JSON.stringify({ id: 'b', kind: 'chat', text: 'Prove that there are infinitely many primes.' }),
      JSON.stringify({ id: 'c', kind: 'shout', text: 'hi' }),
      '',
      JSON.stringify({ id: 7, kind: 'review', text: 'Find the bugs', selection: 'def f(x):\n    return x / 0' }),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const result = spawnSync(process.execPath, [join('node_modules', 'tsx', 'dist', 'cli.mjs'), join('src', 'cli', 'classify.ts'), file], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const out = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(out.map((o) => o.id), ['a', 'b', 'c', '7']);
    for (const o of out) {
      assert.deepEqual(Object.keys(o), ['id', 'pool', 'probabilities', 'reason']);
      assert.ok(POOLS.includes(o.pool as never));
      const p = o.probabilities as Record<string, number>;
      assert.deepEqual(Object.keys(p), [...POOLS]);
      assert.ok(Math.abs(Object.values(p).reduce((a, b) => a + b, 0) - 1) < 1e-6);
      assert.equal(typeof o.reason, 'string');
    }
    assert.equal(out[1]?.pool, 'reasoning');
    assert.match(result.stderr, /:2: skipped: not valid JSON/);
    assert.match(result.stderr, /:4: "kind" missing or not edit\/review\/chat; classified as chat/);
    assert.doesNotMatch(result.stderr, /:4: skipped/);
  });
});
