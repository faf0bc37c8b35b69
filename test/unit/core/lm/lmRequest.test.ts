import { strict as assert } from 'node:assert';
import { countedText, lmRequest } from '../../../../src/core/lm/lmRequest';
import { buildPrompt } from '../../../../src/core/prompts/buildPrompt';
import type { ChatMessage } from '../../../../src/core/request';

describe('lmRequest', () => {
  const messages: ChatMessage[] = [
    { role: 'user', content: 'You are Copilot. Rename the function parse to parseConfig.' },
    { role: 'assistant', content: 'Done.' },
    { role: 'user', content: 'Now explain the race condition in the cache.' },
  ];

  it('leaves the pool to the classifier for Triage Auto, which reads the last user turn', () => {
    const r = lmRequest('auto', messages);
    assert.equal(r.kind, 'lm');
    assert.equal(r.explicitPool, undefined);
    assert.equal(r.instruction, 'Now explain the race condition in the cache.');
  });

  it('uses the pool of the model picked', () => {
    assert.equal(lmRequest('reasoning', messages).explicitPool, 'reasoning');
    assert.equal(lmRequest('local', messages).explicitPool, 'local');
  });

  it('classifies the user turn that says something, not a later empty one (a tool-result turn carries no text)', () => {
    const r = lmRequest('auto', [...messages, { role: 'assistant', content: '' }, { role: 'user', content: '' }]);
    assert.equal(r.instruction, 'Now explain the race condition in the cache.');
  });

  it('sends the caller\'s messages as they are, with no system prompt of Triage\'s', () => {
    const prompt = buildPrompt(lmRequest('auto', messages, 1000));
    assert.equal(prompt.system, '');
    assert.deepEqual(prompt.messages, messages);
    assert.equal(prompt.maxOutputTokens, 1000);
  });

  it('counts tool calls and tool results with the text, not images', () => {
    const text = countedText([
      { role: 'assistant', content: 'Reading.', parts: [{ type: 'text', text: 'Reading.' }, { type: 'tool-call', callId: 'c1', name: 'read_file', input: { path: 'a.ts' } }] },
      { role: 'user', content: '', parts: [{ type: 'tool-result', callId: 'c1', content: 'export const a = 1;' }, { type: 'image', mimeType: 'image/png', data: new Uint8Array(9000) }] },
    ]);
    assert.equal(text, 'Reading.\nread_file {"path":"a.ts"}\nexport const a = 1;');
  });
});

