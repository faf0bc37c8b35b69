// The sentence encoder of a built extension: a worker thread running dist/sentenceEncoderWorker.js, if the build has it.

import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WorkerSentenceEncoder } from '../providers/workerSentenceEncoder';

/**
 * The encoder next to the bundle (esbuild copies the model files beside it), or undefined when there is none (tests
 * from source): the hashed classifier then decides alone. The worker itself starts on the first request.
 */
export function bundledSentenceEncoder(dir: string = __dirname): WorkerSentenceEncoder | undefined {
  const script = path.join(dir, 'sentenceEncoderWorker.js');
  return existsSync(script) ? new WorkerSentenceEncoder(() => new Worker(script)) : undefined;
}
