// `npm run classify -- FILE.jsonl`: one JSON line per record on stdout (embedded mode, no network).

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { RequestClassifier } from '../core/classifier/requestClassifier';
import { parseRecord, recordToRequest } from './dataset';

/** Classifies every line of a jsonl file; bad lines are reported on stderr and skipped. Returns the bad-line count. */
export async function classifyFile(path: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const classifier = new RequestClassifier({ mode: 'embedded' });
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  let buffer = '';
  for await (const line of lines) {
    lineNo++;
    if (line.trim().length === 0) continue;
    try {
      const record = parseRecord(line, { inferKind: (warning) => err.write(`${path}:${lineNo}: ${warning}\n`) });
      const c = classifier.classifyEmbedded(recordToRequest(record));
      buffer += `${JSON.stringify({ id: record.id, pool: c.pool, probabilities: c.probabilities, reason: c.reason })}\n`;
    } catch (error) {
      bad++;
      err.write(`${path}:${lineNo}: skipped: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    if (buffer.length > 1 << 16) {
      out.write(buffer);
      buffer = '';
    }
  }
  out.write(buffer);
  return bad;
}

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write('usage: npm run classify -- FILE.jsonl\n');
    process.exitCode = 2;
    return;
  }
  try {
    await classifyFile(path, process.stdout, process.stderr);
  } catch (error) {
    process.stderr.write(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
