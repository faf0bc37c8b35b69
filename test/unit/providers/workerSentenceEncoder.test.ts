// The worker-thread sentence encoder: replies by id, errors reject, a dead worker rejects pending and later calls.

import * as assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { WorkerSentenceEncoder } from '../../../src/providers/workerSentenceEncoder';

// A fake worker: embeds a text as [its length]; "fail" answers an error; "die" exits the worker.
const FAKE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, text }) => {
  if (text === 'die') process.exit(3);
  parentPort.postMessage(text === 'fail' ? { id, error: 'model failed' } : { id, embedding: [text.length] });
});`;

describe('WorkerSentenceEncoder', () => {
  it('starts the worker on the first call only, and answers each call with its own embedding', async () => {
    let started = 0;
    const encoder = new WorkerSentenceEncoder(() => (started++, new Worker(FAKE, { eval: true })));
    assert.equal(started, 0);
    const [a, b] = await Promise.all([encoder.embed('abc'), encoder.embed('abcdef')]);
    assert.deepEqual([a, b], [[3], [6]]);
    assert.equal(started, 1);
    await encoder.dispose();
  });

  it('rejects with the worker error, and keeps serving', async () => {
    const encoder = new WorkerSentenceEncoder(() => new Worker(FAKE, { eval: true }));
    await assert.rejects(encoder.embed('fail'), /model failed/);
    assert.deepEqual(await encoder.embed('ok'), [2]);
    await encoder.dispose();
  });

  it('rejects pending and later calls once the worker has exited', async () => {
    const encoder = new WorkerSentenceEncoder(() => new Worker(FAKE, { eval: true }));
    await assert.rejects(encoder.embed('die'), /exited \(3\)/);
    await assert.rejects(encoder.embed('abc'), /exited/);
  });
});
