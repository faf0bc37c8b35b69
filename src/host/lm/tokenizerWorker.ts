// The tokenizer's worker thread: js-tiktoken with the o200k_base ranks (shipped inside the package, MIT). Building the
// encoder takes seconds and a long text tens of ms, so neither runs on the extension host's thread.
import { parentPort } from 'node:worker_threads';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';

// A package `exports` subpath, which the project's `moduleResolution: node` cannot type; Node and esbuild resolve it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const o200kBase = require('js-tiktoken/ranks/o200k_base') as TiktokenBPE;

/** A request to count one text. */
export interface CountMessage {
  readonly id: number;
  readonly text: string;
}

/** The answer: the token count, or why there is none. */
export type CountReply = { readonly id: number; readonly tokens: number } | { readonly id: number; readonly error: string };

const encoder = new Tiktoken(o200kBase);
parentPort?.postMessage({ ready: true });
parentPort?.on('message', (message: CountMessage) => {
  try {
    // Special-token text in a prompt ("<|endoftext|>") is counted as the tokens it would be, not refused.
    parentPort?.postMessage({ id: message.id, tokens: encoder.encode(message.text, 'all').length } satisfies CountReply);
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: String(error) } satisfies CountReply);
  }
});
