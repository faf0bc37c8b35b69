// A selection already sent earlier in the conversation is sent once, not with every turn.
import { strict as assert } from 'node:assert';
import { buildPrompt } from '../../../../src/core/prompts/buildPrompt';
import { chatUserMessage, SAME_SELECTION_NOTE } from '../../../../src/core/prompts/chatPrompt';
import type { TriageRequest } from '../../../../src/core/request';

const CODE = 'function add(a, b) {\n  return a + b;\n}\n';

describe('chat prompt: a selection is sent once per conversation', () => {
  it('replaces code already attached to an earlier turn with a note, and keeps new or changed code', () => {
    const first: TriageRequest = { kind: 'chat', instruction: 'what does this do?', selection: CODE, languageId: 'javascript' };
    const firstMessage = chatUserMessage(first);
    assert.ok(firstMessage.includes(CODE));
    const second: TriageRequest = { ...first, instruction: 'and is it safe?', conversation: [{ role: 'user', content: firstMessage }, { role: 'assistant', content: 'It adds.' }] };
    const prompt = buildPrompt(second);
    const all = prompt.messages.map((m) => m.content).join('\n');
    assert.equal(all.split(CODE).length - 1, 1, 'the code appears once in everything sent');
    assert.ok(prompt.messages[prompt.messages.length - 1]!.content.endsWith(SAME_SELECTION_NOTE));
    const changed = chatUserMessage({ ...second, selection: CODE.replace('+', '-') });
    assert.ok(changed.includes('return a - b;'), 'changed code is sent');
    const onlyAnswered = chatUserMessage({ ...first, conversation: [{ role: 'assistant', content: `\`\`\`javascript\n${CODE}\`\`\`` }] });
    assert.ok(onlyAnswered.includes('Selected code'), 'code the model wrote is not code the user attached');
  });
});
