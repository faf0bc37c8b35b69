// `npm run classify -- FILE.jsonl`: one JSON line per record on stdout, decided as the extension decides in `embedded`
// mode: the hashed model, joined by the sentence encoder's head (USE-lite from the npm package, no network). The
// encoder runs in this process, batched; `--no-encoder` gives the hashed model alone.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SentenceEncoder } from '../core/ports';
import { RequestClassifier } from '../core/classifier/requestClassifier';
import { parseRecord, recordToRequest } from './dataset';
import { loadNodeEncoder } from './encoderCache';

/** Records classified at once: their embeddings are asked together, so the encoder sees full batches. */
const CHUNK = 256;
const BATCH = 32;
/** In the CLI nothing else waits: the encoder always gets its say (the extension waits 60 ms, then decides without it). */
const CLI_DEADLINE_MS = 10 * 60_000;

/** An in-process encoder that gathers the texts asked in one tick into batches of BATCH. */
export function batchingEncoder(embed: (texts: string[]) => Promise<number[][]>): SentenceEncoder {
  let pending: { text: string; resolve: (v: number[]) => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const all = pending;
    pending = [];
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH);
      embed(batch.map((p) => p.text)).then(
        (vectors) => batch.forEach((p, k) => p.resolve(vectors[k] as number[])),
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      );
    }
  };
  return {
    embed: (text) =>
      new Promise((resolve, reject) => {
        pending.push({ text, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      }),
  };
}

/** Classifies every line of a jsonl file; bad lines are reported on stderr and skipped. Returns the bad-line count. */
export async function classifyFile(
  path: string,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  options: { readonly encoder?: SentenceEncoder | false } = {},
): Promise<number> {
  const encoder = options.encoder === undefined ? batchingEncoder(await loadNodeEncoder()) : options.encoder;
  const classifier = new RequestClassifier({
    mode: 'embedded',
    ...(encoder ? { encoder: { encoder, deadlineMs: CLI_DEADLINE_MS } } : {}),
  });
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  let chunk: ReturnType<typeof parseRecord>[] = [];
  const writeChunk = async (): Promise<void> => {
    const decided = await Promise.all(chunk.map((record) => classifier.classifyWithEncoder(recordToRequest(record))));
    out.write(decided.map((c, i) => `${JSON.stringify({ id: chunk[i]?.id, pool: c.pool, probabilities: c.probabilities, reason: c.reason })}\n`).join(''));
    chunk = [];
  };
  for await (const line of lines) {
    lineNo++;
    if (line.trim().length === 0) continue;
    try {
      chunk.push(parseRecord(line, { inferKind: (warning) => err.write(`${path}:${lineNo}: ${warning}\n`) }));
    } catch (error) {
      bad++;
      err.write(`${path}:${lineNo}: skipped: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    if (chunk.length >= CHUNK) await writeChunk();
  }
  await writeChunk();
  return bad;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const path = args.find((a) => !a.startsWith('--'));
  if (!path) {
    process.stderr.write('usage: npm run classify -- FILE.jsonl [--no-encoder]\n');
    process.exitCode = 2;
    return;
  }
  try {
    await classifyFile(path, process.stdout, process.stderr, args.includes('--no-encoder') ? { encoder: false } : {});
  } catch (error) {
    process.stderr.write(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
