// The fault bench's figures: deterministic on virtual time, and what issue 18 items 2, 3 and 8 promise.

import { strict as assert } from 'node:assert';
import { faultBench } from '../../../bench/faultBench';
import type { FaultRow } from '../../../bench/faultBench';

describe('bench: faults', function () {
  this.timeout(30_000);
  let rows: FaultRow[];
  before(async () => {
    rows = await faultBench();
  });
  const row = (fault: RegExp, provider = /./): FaultRow[] => rows.filter((r) => fault.test(r.fault) && provider.test(r.provider));

  it('a hanging model costs its deadline once, not on every request (each provider)', () => {
    const hangs = row(/headers, then silence|keep-alive/);
    assert.equal(hangs.length, 5);
    for (const r of hangs) assert.deepEqual([r.faultyCalls, r.seconds], [1, [180, 0, 0]], r.provider);
  });

  it('a pool of three hanging models costs 540 s once; the second request answers at once', () => {
    const [r] = row(/pool of three/);
    assert.deepEqual(r?.seconds, [540, 0, 0]);
    assert.equal(r?.faultyCalls, 3);
  });

  it('after an answer broke off, the next requests go to another model', () => {
    for (const r of row(/after the first token/)) assert.equal(r.answered.split(' → ').filter((a) => a === 'failed').length, 1, r.provider);
  });

  it('a burst sends only what was announced, and one probe goes into a window that just ended', () => {
    for (const r of row(/burst of 20/)) assert.deepEqual([r.faultyCalls, r.wasted], [4, 0], r.provider);
    const [probe] = row(/window ends/);
    assert.deepEqual([probe?.faultyCalls, probe?.wasted], [2, 2]);
  });

  it('a busy Ollama never stops a secret request from reaching the local fallback', () => {
    const [r] = row(/Ollama 503/);
    assert.equal(r?.answered, 'failed → ollama:qwen2.5:1.5b');
  });
});
