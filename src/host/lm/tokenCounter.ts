// provideTokenCount's counter: a real tokenizer (js-tiktoken, o200k_base) in a worker thread, started on the first
// count. Until it is ready — or if it cannot start — counts are the core's estimate, so no caller waits seconds.
import { Worker } from 'node:worker_threads';
import { estimateTokens } from '../../core/pricing/estimateTokens';
import type { CountReply } from './tokenizerWorker';

/** Where the worker's script is and how to start it (tests run the TypeScript through tsx). */
export interface TokenCounterOptions {
  readonly workerFile: string;
  readonly execArgv?: readonly string[];
  readonly onError?: (message: string) => void;
}

/** Counts tokens of texts; owns the worker. */
export class TokenCounter {
  private worker: Worker | undefined;
  private ready = false;
  private failed = false;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (tokens: number) => void; text: string }>();
  private readyPromise: Promise<boolean> | undefined;

  constructor(private readonly options: TokenCounterOptions) {}

  /** Tokens in `text`: the tokenizer's count once it runs, the estimate before (and if it fails). */
  count(text: string): Promise<number> {
    this.start();
    if (!this.ready || !this.worker || text === '') return Promise.resolve(text === '' ? 0 : estimateTokens(text));
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, text });
      worker.postMessage({ id, text });
    });
  }

  /** Starts the worker if needed; resolves true once the tokenizer counts, false when it could not start. */
  whenReady(): Promise<boolean> {
    this.start();
    return this.readyPromise ?? Promise.resolve(false);
  }

  private start(): void {
    if (this.readyPromise || this.failed) return;
    this.readyPromise = new Promise((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(this.options.workerFile, { execArgv: [...(this.options.execArgv ?? [])] });
      } catch (error) {
        this.fail(`tokenizer: could not start: ${String(error)}`);
        resolve(false);
        return;
      }
      this.worker = worker;
      worker.unref(); // never keeps a process (a test run, the host's shutdown) alive
      worker.on('message', (message: { readonly ready: true } | CountReply) => {
        if ('ready' in message) {
          this.ready = true;
          resolve(true);
          return;
        }
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        waiting.resolve('tokens' in message ? message.tokens : estimateTokens(waiting.text));
      });
      worker.on('error', (error) => {
        this.fail(`tokenizer: ${String(error)}`);
        resolve(false);
      });
      worker.on('exit', () => {
        if (!this.failed) this.fail('tokenizer: the worker stopped');
        resolve(false);
      });
    });
  }

  // Counts in flight get the estimate; later ones too (no restart loop on a broken install).
  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.ready = false;
    this.worker = undefined;
    this.options.onError?.(message);
    for (const [, waiting] of this.pending) waiting.resolve(estimateTokens(waiting.text));
    this.pending.clear();
  }

  dispose(): void {
    const worker = this.worker;
    this.failed = true; // a disposed counter estimates, and the exit below is not an error
    this.ready = false;
    this.worker = undefined;
    for (const [, waiting] of this.pending) waiting.resolve(estimateTokens(waiting.text));
    this.pending.clear();
    void worker?.terminate();
  }
}
