// Tool-call arguments: a JSON object passes on as the tool's input; anything else makes the answer unusable.
import * as assert from 'node:assert/strict';
import { parseToolCallArguments } from '../../../../src/core/lm/toolCallArguments';

describe('core/lm/toolCallArguments', () => {
  it('parses a JSON object text (OpenAI, joined Anthropic input_json_delta pieces)', () => {
    assert.deepEqual(parseToolCallArguments('{"path":"a.ts","line":3}', 'readFile'), { ok: true, input: { path: 'a.ts', line: 3 } });
  });

  it('takes an object as it is (Ollama sends one)', () => {
    assert.deepEqual(parseToolCallArguments({ q: 'x' }, 'search'), { ok: true, input: { q: 'x' } });
  });

  it('treats no arguments and an empty text as an empty input', () => {
    assert.deepEqual(parseToolCallArguments(undefined, 'now'), { ok: true, input: {} });
    assert.deepEqual(parseToolCallArguments('  ', 'now'), { ok: true, input: {} });
  });

  it('calls cut-off or invalid JSON unusable, naming the tool', () => {
    assert.deepEqual(parseToolCallArguments('{"path":"a.t', 'readFile'), { ok: false, reason: 'tool call readFile: arguments are not valid JSON' });
    assert.deepEqual(parseToolCallArguments("{path:'a'}", 'readFile'), { ok: false, reason: 'tool call readFile: arguments are not valid JSON' });
  });

  it('calls valid JSON that is not an object unusable', () => {
    for (const raw of ['[1,2]', '42', '"x"', 'null']) {
      assert.deepEqual(parseToolCallArguments(raw, 't'), { ok: false, reason: 'tool call t: arguments are not a JSON object' }, raw);
    }
    assert.equal(parseToolCallArguments([1] as unknown as Record<string, unknown>, 't').ok, false);
  });
});
