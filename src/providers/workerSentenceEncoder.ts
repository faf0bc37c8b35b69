// The SentenceEncoder port over a worker thread: the encoder loads and runs there, never on the extension host's thread.

import { Worker } from 'node:worker_threads';
import type { SentenceEncoder } from '../core/ports';

/** What the worker answers: an embedding or an error message, keyed by request id. */
export type EncoderReply = { readonly id: number; readonly embedding: number[] } | { readonly id: number; readonly error: string };

/**
 * Embeds texts in a worker started on the first call (so nothing loads at activation). A worker that fails to
 * start or exits makes every pending and later call reject at once: the hashed model then decides alone.
 */
export class WorkerSentenceEncoder implements SentenceEncoder {
  private worker: Worker | undefined;
  private failure: Error | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: number[]) => void; reject: (e: Error) => void }>();

  /** `start` creates the worker (the shipped one runs sentenceEncoderWorker.js; tests pass a fake). */
  constructor(private readonly start: () => Worker) {}

  embed(text: string): Promise<ArrayLike<number>> {
    if (this.failure) return Promise.reject(this.failure);
    const worker = this.worker ?? this.launch();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text });
    });
  }

  /** Stops the worker; later calls reject. */
  async dispose(): Promise<void> {
    this.fail(new Error('sentence encoder disposed'));
    await this.worker?.terminate();
  }

  private launch(): Worker {
    const worker = this.start();
    this.worker = worker;
    // The worker must not keep the extension host (or a CLI) alive.
    worker.unref();
    worker.on('message', (reply: EncoderReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if ('embedding' in reply) waiter.resolve(reply.embedding);
      else waiter.reject(new Error(reply.error));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`sentence encoder worker exited (${code})`)));
    return worker;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
  }
}
