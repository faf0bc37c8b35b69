// The chunked line readers: lines across chunk boundaries, lines longer than a chunk or than the cap, torn tails.

import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { backwardLines, forwardLines } from '../../../src/host/ledgerChunks';
import type { LineBlock } from '../../../src/host/ledgerChunks';

describe('ledger chunk readers', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'triage-chunks-'));
    file = path.join(dir, 'ledger.jsonl');
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function blocks(text: string, read: (h: fs.FileHandle, size: number) => AsyncGenerator<LineBlock>): Promise<LineBlock[]> {
    await fs.writeFile(file, text);
    const handle = await fs.open(file, 'r');
    try {
      const out: LineBlock[] = [];
      for await (const b of read(handle, Buffer.byteLength(text))) out.push(b);
      return out;
    } finally {
      await handle.close();
    }
  }
  const lines = (bs: readonly LineBlock[]) => bs.flatMap((b) => b.text.split('\n').filter((l) => l !== ''));

  it('joins a line that crosses chunk boundaries (multi-byte characters included) and leaves out a torn tail', async () => {
    const text = 'alpha-é-line\nbeta\n' + 'γ'.repeat(40) + '\ntorn without newline';
    const forward = await blocks(text, (h, size) => forwardLines(h, 0, size, 7));
    assert.deepEqual(lines(forward), ['alpha-é-line', 'beta', 'γ'.repeat(40)]);
    assert.equal(forward.at(-1)?.end, Buffer.byteLength(text) - 'torn without newline'.length, 'the next read starts at the torn line');
    const end = forward.at(-1)!.end;
    const backward = await blocks(text, (h) => backwardLines(h, end, 7));
    assert.deepEqual(lines([...backward].reverse()), lines(forward));
    assert.equal(backward.at(-1)?.start, 0);
  });

  it('reads a line of more than 2 MiB whole, at the default chunk size', async () => {
    const long = `{"x":"${'a'.repeat(2.5 * 2 ** 20)}"}`;
    const text = `first\n${long}\nlast\n`;
    const forward = await blocks(text, (h, size) => forwardLines(h, 0, size));
    assert.deepEqual(lines(forward).map((l) => l.length), [5, long.length, 4]);
    const backward = await blocks(text, (h, size) => backwardLines(h, size));
    assert.deepEqual(lines([...backward].reverse()).map((l) => l.length), [5, long.length, 4]);
  });

  it('skips and counts a line over the cap without decoding it, and keeps every line around it', async () => {
    const text = `one\ntwo\n${'z'.repeat(100)}\nthree\nfour\n`;
    const forward = await blocks(text, (h, size) => forwardLines(h, 0, size, 8, 30));
    assert.deepEqual(lines(forward), ['one', 'two', 'three', 'four']);
    assert.equal(forward.reduce((n, b) => n + b.skipped, 0), 1);
    assert.equal(forward.at(-1)?.end, Buffer.byteLength(text));
    const backward = await blocks(text, (h, size) => backwardLines(h, size, 8, 30));
    assert.deepEqual(lines([...backward].reverse()), ['one', 'two', 'three', 'four']);
    assert.equal(backward.reduce((n, b) => n + b.skipped, 0), 1);
  });

  it('an over-long line still being written is not passed: the next read starts where it starts', async () => {
    const text = `one\n${'z'.repeat(100)}`;
    const forward = await blocks(text, (h, size) => forwardLines(h, 0, size, 8, 30));
    assert.deepEqual(lines(forward), ['one']);
    assert.equal(Math.max(...forward.map((b) => b.end)), 4);
  });
});
