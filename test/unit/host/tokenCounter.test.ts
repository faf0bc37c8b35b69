// provideTokenCount's counter: the real tokenizer in a worker thread, the estimate until it is ready or if it fails.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { estimateTokens } from '../../../src/core/pricing/estimateTokens';
import { TokenCounter } from '../../../src/host/lm/tokenCounter';

const WORKER = path.resolve(__dirname, '..', '..', '..', 'src', 'host', 'lm', 'tokenizerWorker.ts');

describe('host: lm token counter', function () {
  // Building the o200k encoder takes seconds on a loaded machine; it runs once for this block.
  this.timeout(120_000);
  const counter = new TokenCounter({ workerFile: WORKER, execArgv: ['--require', 'tsx/cjs'] });
  after(() => counter.dispose());

  it('answers with the estimate at once while the tokenizer loads', async () => {
    const fresh = new TokenCounter({ workerFile: WORKER, execArgv: ['--require', 'tsx/cjs'] });
    try {
      const text = 'function parseConfig(text: string) { return JSON.parse(text); }';
      assert.equal(await fresh.count(text), estimateTokens(text));
    } finally {
      fresh.dispose();
    }
  });

  it('counts o200k_base tokens once ready (tiktoken\'s own figures, not characters / 4)', async () => {
    assert.equal(await counter.whenReady(), true);
    assert.equal(await counter.count('hello world'), 2);
    assert.equal(await counter.count('Hello, world! This is a test.'), 9);
    assert.equal(await counter.count(''), 0);
    // A special-token string is counted, not refused.
    assert.equal(await counter.count('<|endoftext|>'), 1);
  });

  it('answers many counts in flight, each with its own text\'s figure', async () => {
    await counter.whenReady();
    const texts = ['a', 'hello world', 'x'.repeat(1000), 'const a = 1;'];
    const counts = await Promise.all(texts.map((t) => counter.count(t)));
    assert.deepEqual(counts, await Promise.all(texts.map((t) => counter.count(t))));
    assert.equal(counts[1], 2);
    assert.ok(counts[2]! < 1000 / 4, `1000 x's are far fewer tokens than chars / 4 (${counts[2]})`);
  });

  it('falls back to the estimate, and says so once, when the worker cannot start', async () => {
    const errors: string[] = [];
    const broken = new TokenCounter({ workerFile: path.join(__dirname, 'no-such-worker.js'), onError: (m) => errors.push(m) });
    assert.equal(await broken.whenReady(), false);
    assert.equal(await broken.count('hello world'), estimateTokens('hello world'));
    assert.equal(errors.length, 1);
    broken.dispose();
  });
});
