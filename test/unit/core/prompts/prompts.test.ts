// Prompt builders and answer parsers: fenced edit replacements and JSON review findings.

import { strict as assert } from 'node:assert';
import { looksLikeRefusal } from '../../../../src/core/cascade/refusal';
import { buildPrompt } from '../../../../src/core/prompts/buildPrompt';
import { findFencedBlocks } from '../../../../src/core/prompts/fencedCode';
import { parseEditAnswer } from '../../../../src/core/prompts/editPrompt';
import { REVIEW_SCHEMA, parseReviewAnswer } from '../../../../src/core/prompts/reviewPrompt';
import type { TriageRequest } from '../../../../src/core/request';

const edit: TriageRequest = { kind: 'edit', instruction: 'use const', selection: 'let x = 1;\n', languageId: 'typescript' };

describe('edit prompt', () => {
  it('asks for one fenced block and fences the selection safely', () => {
    const spec = buildPrompt({ ...edit, selection: 'const s = `a ``` b`;' });
    assert.match(spec.system, /exactly one fenced code block/);
    const content = spec.messages[0]?.content ?? '';
    assert.match(content, /^Language: typescript\nInstruction: use const\n\nSelected code:\n````typescript\nconst s = `a ``` b`;\n````$/);
    assert.ok(spec.maxOutputTokens >= 1024 && spec.maxOutputTokens <= 8192);
    assert.equal(spec.jsonSchema, undefined);
  });

  it('takes the request’s own output cap', () => {
    assert.equal(buildPrompt({ ...edit, maxOutputTokens: 300 }).maxOutputTokens, 300);
  });
});

describe('parseEditAnswer', () => {
  const parse = (text: string, request: TriageRequest = edit) => parseEditAnswer(text, request, 'stop');

  it('extracts the block and keeps the selection’s trailing newline', () => {
    assert.deepEqual(parse('Here you go:\n```ts\nconst x = 1;\n```\nDone.'), { ok: true, code: 'const x = 1;\n' });
  });

  it('prefers the block in the document’s language over an earlier one in another', () => {
    assert.deepEqual(parse('```bash\nnpm test\n```\n```typescript\nconst x = 1;\n```'), { ok: true, code: 'const x = 1;\n' });
  });

  it('handles tildes, longer fences holding backticks, and indented fences', () => {
    assert.deepEqual(parse('~~~\nconst x = 1;\n~~~'), { ok: true, code: 'const x = 1;\n' });
    assert.deepEqual(parse('````ts\nconst s = `\n```\n`;\n````'), { ok: true, code: 'const s = `\n```\n`;\n' });
    assert.deepEqual(parse('  ```ts\n  if (a) {\n    b();\n  }\n  ```'), { ok: true, code: 'if (a) {\n  b();\n}\n' });
  });

  it('keeps the code’s own indentation', () => {
    const request = { ...edit, selection: '    return 1;' };
    assert.deepEqual(parse('```ts\n    return 2;\n```', request), { ok: true, code: '    return 2;' });
  });

  it('accepts an unclosed last block when the model stopped normally', () => {
    assert.deepEqual(parse('```ts\nconst x = 1;'), { ok: true, code: 'const x = 1;\n' });
  });

  it('rejects no block, an empty block, and a length-truncated answer', () => {
    assert.deepEqual(parse('Use const instead of let.'), { ok: false, outcome: 'no-code-block' });
    assert.deepEqual(parse('```ts\n\n```'), { ok: false, outcome: 'empty' });
    assert.deepEqual(parseEditAnswer('```ts\nconst x = 1;\n```', edit, 'length'), { ok: false, outcome: 'truncated' });
  });

  it('finds every block with its tag', () => {
    assert.deepEqual(findFencedBlocks('```Python extra\na\n```\ntext\n```\nb'), [
      { lang: 'python', code: 'a', closed: true },
      { lang: '', code: 'b', closed: false },
    ]);
  });
});

describe('review prompt', () => {
  const review: TriageRequest = { kind: 'review', instruction: 'check it', selection: 'a\nb\nc\n', languageId: 'python' };

  it('numbers the selection lines and passes the JSON schema', () => {
    const spec = buildPrompt(review);
    assert.equal(spec.jsonSchema, REVIEW_SCHEMA);
    assert.match(spec.messages[0]?.content ?? '', /Code \(python\):\n1\| a\n2\| b\n3\| c$/);
    assert.match(spec.system, /"findings"/);
  });

  it('parses findings, tolerating a json fence, and clamps lines to the selection', () => {
    const text = '```json\n{"findings":[{"line":2,"severity":"ERROR","message":" bad ","fix":"b2"},{"line":9,"severity":"info","message":"m","fix":null}],"summary":"s"}\n```';
    assert.deepEqual(parseReviewAnswer(text, 3), {
      findings: [
        { line: 2, severity: 'error', message: 'bad', fix: 'b2' },
        { line: 3, severity: 'info', message: 'm' },
      ],
      summary: 's',
    });
  });

  it('accepts an empty findings list', () => {
    assert.deepEqual(parseReviewAnswer('{"findings":[],"summary":"clean"}', 3), { findings: [], summary: 'clean' });
  });

  it('rejects anything but the structured form', () => {
    for (const text of [
      'Looks fine.',
      '{"findings":"none","summary":"x"}',
      '{"findings":[]}',
      '{"findings":[{"line":0,"severity":"error","message":"m"}],"summary":""}',
      '{"findings":[{"line":1,"severity":"critical","message":"m"}],"summary":""}',
      '{"findings":[{"line":1,"severity":"error","message":""}],"summary":""}',
      '{"findings":[{"line":1,"severity":"error","message":"m","fix":3}],"summary":""}',
      '{"findings":[{"line":1,',
    ]) {
      assert.equal(parseReviewAnswer(text, 3), undefined, text);
    }
  });
});

describe('chat prompt', () => {
  it('sends the conversation, then the question with the selection', () => {
    const spec = buildPrompt({
      kind: 'chat',
      instruction: 'why?',
      selection: 'x()',
      languageId: 'go',
      conversation: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ],
    });
    assert.deepEqual(spec.messages.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.equal(spec.messages[2]?.content, 'why?\n\nSelected code (go):\n```go\nx()\n```');
    assert.equal(spec.maxOutputTokens, 4096);
  });
});

describe('looksLikeRefusal', () => {
  it('spots short refusals', () => {
    assert.equal(looksLikeRefusal("I'm sorry, but I can't help with that."), true);
    assert.equal(looksLikeRefusal('I cannot assist with this request.'), true);
    assert.equal(looksLikeRefusal('As an AI, I am not able to do that.'), true);
  });

  it('leaves real answers alone', () => {
    assert.equal(looksLikeRefusal('Sorry, here is the fix:\n```ts\nx\n```'), false);
    assert.equal(looksLikeRefusal(`I'm sorry to say the bug is in line 3. ${'Detail. '.repeat(50)}`), false);
    assert.equal(looksLikeRefusal('I can help: rename x to y.'), false);
    assert.equal(looksLikeRefusal(''), false);
  });
});
