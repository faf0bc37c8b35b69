// Reads a ledger file's complete lines a chunk at a time, forwards or backwards, so no read builds a string of the
// whole file (V8 caps a string near 512 MiB) and each step parses a few hundred lines between event-loop turns.

import type { promises as fs } from 'node:fs';

/** Bytes per read (~750 records): a few ms to decode and parse, even on a loaded machine. */
export const CHUNK_BYTES = 256 * 1024;
/** A "line" longer than this is not a record (records are a few KB): it is skipped and counted, never decoded. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/** Some complete lines: `text` ends with a newline (or is empty); `start`/`end` are its byte offsets in the file. */
export interface LineBlock {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Lines over `MAX_LINE_BYTES` skipped in this block (count them as corrupt). */
  readonly skipped: number;
}

/**
 * The complete lines between `from` (a line start) and `to`, in blocks. A line that crosses a chunk boundary is
 * joined; bytes after the last newline (a torn or still-written line) are left out, so the last block's `end` is where
 * the next read starts.
 */
export async function* forwardLines(handle: fs.FileHandle, from: number, to: number, chunkBytes = CHUNK_BYTES, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<LineBlock> {
  let at = from;
  let lineStart = from;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  while (at < to) {
    const chunk = Buffer.alloc(Math.min(chunkBytes, to - at));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
    if (bytesRead === 0) break;
    let bytes = chunk.subarray(0, bytesRead);
    at += bytesRead;
    let skipped = 0;
    if (skipping) {
      const first = bytes.indexOf(0x0a);
      if (first < 0) continue;
      skipping = false;
      skipped = 1;
      bytes = bytes.subarray(first + 1);
      lineStart = at - bytes.length;
    }
    const last = bytes.lastIndexOf(0x0a);
    if (last < 0) {
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes > maxLineBytes) {
        skipping = true;
        pending = [];
        pendingBytes = 0;
      }
      if (skipped > 0) yield { text: '', start: lineStart, end: lineStart, skipped };
      continue;
    }
    const whole = pending.length === 0 ? bytes.subarray(0, last + 1) : Buffer.concat([...pending, bytes.subarray(0, last + 1)]);
    const rest = bytes.subarray(last + 1);
    pending = rest.length > 0 ? [Buffer.from(rest)] : [];
    pendingBytes = rest.length;
    const start = lineStart;
    lineStart = at - rest.length;
    yield { text: whole.toString('utf8'), start, end: lineStart, skipped };
  }
}

/**
 * The complete lines before `end` (a line boundary), newest block first, each block in file order. Stop early by
 * leaving the loop: nothing before the blocks read is touched.
 */
export async function* backwardLines(handle: fs.FileHandle, end: number, chunkBytes = CHUNK_BYTES, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<LineBlock> {
  let pos = end;
  // The end of a line that began before `pos`, newline included (it belongs to the block read next).
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let carryEnd = end;
  let skipping = false;
  while (pos > 0) {
    const start = Math.max(0, pos - chunkBytes);
    const chunk = Buffer.alloc(pos - start);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, start);
    const bytes = chunk.subarray(0, bytesRead);
    pos = start;
    const first = start === 0 ? -1 : bytes.indexOf(0x0a);
    if (start > 0 && first < 0) {
      if (!skipping) carry.unshift(bytes);
      carryBytes += bytes.length;
      if (carryBytes > maxLineBytes && !skipping) {
        skipping = true;
        carry = [];
      }
      continue;
    }
    const lines = bytes.subarray(first + 1);
    const blockStart = start + first + 1;
    if (skipping) {
      // The over-long line starts after this chunk's last newline and ends at carryEnd: drop it, keep the lines before.
      skipping = false;
      const last = bytes.lastIndexOf(0x0a);
      yield { text: bytes.subarray(first + 1, last + 1).toString('utf8'), start: blockStart, end: start + last + 1, skipped: 1 };
    } else {
      const whole = carry.length === 0 ? lines : Buffer.concat([lines, ...carry]);
      yield { text: whole.toString('utf8'), start: blockStart, end: carryEnd, skipped: 0 };
    }
    carry = first >= 0 ? [Buffer.from(bytes.subarray(0, first + 1))] : [];
    carryBytes = carry.length > 0 ? first + 1 : 0;
    carryEnd = blockStart;
  }
}
