// The body wrappers that hold NDJSON and SSE streams to their protocol.

import { strict as assert } from 'node:assert';
import { checkedNdjson, checkedSseSentinel, InStreamError, lineChecked, StreamProtocolError } from '../../../src/providers/streamChecks';

function bodyOf(pieces: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

/** Reads everything; returns the text that got through and the error, if any. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<{ text: string; error?: unknown }> {
  const decoder = new TextDecoder();
  let text = '';
  const reader = stream.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) text += decoder.decode(read.value, { stream: true });
    return { text };
  } catch (error) {
    return { text, error };
  }
}

describe('streamChecks', () => {
  describe('checkedNdjson', () => {
    it('passes a valid stream through unchanged, lines split across reads', async () => {
      const result = await drain(checkedNdjson(bodyOf(['{"done":fa', 'lse}\n{"done":', 'true}\n'])));
      assert.equal(result.error, undefined);
      assert.equal(result.text, '{"done":false}\n{"done":true}\n');
    });
    it('accepts a final line without a newline', async () => {
      const result = await drain(checkedNdjson(bodyOf(['{"done":false}\n{"done":true}'])));
      assert.equal(result.error, undefined);
    });
    it('delivers good lines, then fails on bad JSON', async () => {
      const result = await drain(checkedNdjson(bodyOf(['{"done":false}\n{"done":\n{"done":true}\n'])));
      assert.equal(result.text, '{"done":false}\n');
      assert.ok(result.error instanceof StreamProtocolError);
    });
    it('turns an error line into InStreamError', async () => {
      const result = await drain(checkedNdjson(bodyOf(['{"done":false}\n{"error":"boom"}\n'])));
      assert.ok(result.error instanceof InStreamError);
    });
    it('fails a stream with no done line', async () => {
      const result = await drain(checkedNdjson(bodyOf(['{"done":false}\n'])));
      assert.equal(result.text, '{"done":false}\n');
      assert.ok(result.error instanceof StreamProtocolError);
    });
  });

  describe('checkedSseSentinel', () => {
    it('passes a stream that ends with [DONE]', async () => {
      const result = await drain(checkedSseSentinel(bodyOf(['data: {"a":1}\n\ndata: [DO', 'NE]\n\n']), '[DONE]'));
      assert.equal(result.error, undefined);
      assert.equal(result.text, 'data: {"a":1}\n\ndata: [DONE]\n\n');
    });
    it('accepts CRLF line ends and a sentinel without a final newline', async () => {
      const result = await drain(checkedSseSentinel(bodyOf(['data: {"a":1}\r\n\r\ndata:[DONE]']), '[DONE]'));
      assert.equal(result.error, undefined);
    });
    it('fails a stream that ends without [DONE]', async () => {
      const result = await drain(checkedSseSentinel(bodyOf(['data: {"a":1}\n\n']), '[DONE]'));
      assert.ok(result.error instanceof StreamProtocolError);
    });
  });

  describe('lineChecked', () => {
    it('hands on whole lines only, a line split over many reads joined once, in order', async () => {
      const seen: string[] = [];
      const pieces = ['ab', 'cd', 'e\nf', 'g', '\n\nh', 'ij'];
      const result = await drain(lineChecked(bodyOf(pieces), (line) => seen.push(line), () => undefined));
      assert.equal(result.error, undefined);
      assert.deepEqual(seen, ['abcde', 'fg', '', 'hij']);
      assert.equal(result.text, 'abcde\nfg\n\nhij');
    });
    it('lets other work run while it hands on a long body that is already buffered (no unbroken microtask chain)', async () => {
      const pieces = Array.from({ length: 64 }, () => `${'d'.repeat(4095)}\n`); // 256 KiB, all buffered at once
      let linesSeen = 0;
      let linesWhenOtherWorkRan = -1;
      setImmediate(() => (linesWhenOtherWorkRan = linesSeen));
      const result = await drain(lineChecked(bodyOf(pieces), () => linesSeen++, () => undefined));
      assert.equal(result.error, undefined);
      assert.equal(linesSeen, 64);
      assert.ok(linesWhenOtherWorkRan >= 0 && linesWhenOtherWorkRan < 16, `other work ran after ${linesWhenOtherWorkRan} of 64 lines`);
    });
    it('fails a line longer than the cap, also when it arrives in pieces and never ends', async () => {
      const split = await drain(lineChecked(bodyOf(['ok\n', 'xxxx', 'xxxx', 'x']), () => undefined, () => undefined, 8));
      assert.equal(split.text, 'ok\n');
      assert.ok(split.error instanceof StreamProtocolError);
      const whole = await drain(lineChecked(bodyOf(['xxxxxxxxx\nok\n']), () => undefined, () => undefined, 8));
      assert.ok(whole.error instanceof StreamProtocolError);
      const atCap = await drain(lineChecked(bodyOf(['xxxx', 'xxxx\n']), () => undefined, () => undefined, 8));
      assert.equal(atCap.error, undefined);
    });
  });
});
