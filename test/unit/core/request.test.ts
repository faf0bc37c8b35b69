// core/request.ts: model references and message text, at their edges.

import * as assert from 'node:assert/strict';
import { parseModelRef, textOfParts } from '../../../src/core/request';

describe('parseModelRef', () => {
  it('splits at the first colon; the model may hold more colons', () => {
    assert.deepEqual(parseModelRef('ollama:qwen2.5-coder:7b'), { provider: 'ollama', model: 'qwen2.5-coder:7b' });
  });

  it('trims spaces around either side, as a hand-typed setting has them', () => {
    assert.deepEqual(parseModelRef(' openai : gpt-6-luna '), { provider: 'openai', model: 'gpt-6-luna' });
  });

  it('refuses a missing provider, a missing or blank model, and a provider with other characters', () => {
    for (const bad of ['gpt-6-luna', ':gpt-6-luna', 'openai:', 'openai:   ', 'open ai:gpt', 'open.ai:gpt', '']) assert.equal(parseModelRef(bad), undefined, bad);
  });
});

describe('textOfParts', () => {
  it('joins the text parts with nothing between them and leaves the other parts out', () => {
    assert.equal(
      textOfParts([
        { type: 'text', text: 'one ' },
        { type: 'tool-call', callId: 'c1', name: 'read', input: {} },
        { type: 'tool-result', callId: 'c1', content: 'ignored' },
        { type: 'text', text: 'two' },
      ]),
      'one two',
    );
  });
});
