// The demo responder answers each prompt kind in the format Triage checks, so every surface works in demo mode.
import * as assert from 'node:assert/strict';
import { checkAnswer } from '../../../src/core/cascade/answerCheck';
import { buildPrompt } from '../../../src/core/prompts/buildPrompt';
import { findFencedBlocks } from '../../../src/core/prompts/fencedCode';
import type { TriageRequest } from '../../../src/core/request';
import { fixedLineText } from '../../../src/host/findingRanges';
import { demoComment, demoResponder } from '../../fakes/demoResponder';
import type { RecordedRequest, Script } from '../../fakes/script';

function ask(request: TriageRequest, maxTokens?: number): Script {
  const prompt = buildPrompt(request);
  const recorded: RecordedRequest = {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: {},
    hasAuth: false,
    authDigests: [],
    body: {},
    chat: { model: 'gpt-6-luna', system: prompt.system, messages: prompt.messages, maxTokens: maxTokens ?? prompt.maxOutputTokens, stream: true },
    socketClosed: Promise.resolve(),
  };
  return demoResponder('openai')(recorded);
}

const SELECTION = 'export function add(a: number, b: number) {\n  return a + b;\n}\n';

describe('fakes/demoResponder', () => {
  it('answers a chat with a labelled reply naming protocol and model, with one code block', () => {
    const script = ask({ kind: 'chat', instruction: 'What does this do?' });
    const text = script.chunks.join('');
    assert.match(text, /^\[demo\] openai model "gpt-6-luna" would answer here\. You asked: "What does this do\?"/);
    assert.equal(findFencedBlocks(text).filter((b) => b.closed).length, 1);
    assert.equal(script.finish, 'stop');
    assert.equal(script.usage?.outputTokens, script.chunks.length);
  });

  it('stops at the request\'s max tokens with finish "length"', () => {
    const script = ask({ kind: 'chat', instruction: 'hi' }, 3);
    assert.equal(script.chunks.length, 3);
    assert.equal(script.finish, 'length');
  });

  it('answers an edit with the selection and a [demo] comment, accepted by the edit check', async () => {
    const request: TriageRequest = { kind: 'edit', instruction: 'rename add to sum', selection: SELECTION, languageId: 'typescript' };
    const script = ask(request);
    const check = await checkAnswer(request, script.chunks.join(''), 'stop', undefined);
    assert.ok(check.ok && check.answer.kind === 'edit', JSON.stringify(check));
    assert.equal(check.answer.replacement, `// [demo] Triage would apply "rename add to sum" here; no model ran.\n${SELECTION}`);
  });

  it('writes the demo comment in the language\'s syntax and indentation', async () => {
    const request: TriageRequest = { kind: 'edit', instruction: 'tidy', selection: '    x = 1\n    y = 2', languageId: 'python' };
    const check = await checkAnswer(request, ask(request).chunks.join(''), 'stop', undefined);
    assert.ok(check.ok && check.answer.kind === 'edit');
    assert.equal(check.answer.replacement, '    # [demo] Triage would apply "tidy" here; no model ran.\n    x = 1\n    y = 2');
  });

  it('answers an edit with no selection with just the comment', async () => {
    const request: TriageRequest = { kind: 'edit', instruction: 'add a helper', languageId: 'go' };
    const check = await checkAnswer(request, ask(request).chunks.join(''), 'stop', undefined);
    assert.ok(check.ok && check.answer.kind === 'edit');
    assert.match(check.answer.replacement, /^\/\/ \[demo\]/);
  });

  it('answers an insertion at the cursor with new code only, not the surrounding context', async () => {
    const request: TriageRequest = {
      kind: 'edit', instruction: 'add a median function', selection: '', languageId: 'typescript',
      aroundCursor: { before: 'export const a = 1;\n', after: '\nexport const b = 2;\n' },
    };
    const check = await checkAnswer(request, ask(request).chunks.join(''), 'stop', undefined);
    assert.ok(check.ok && check.answer.kind === 'edit');
    assert.equal(check.answer.replacement, '// [demo] Triage would apply "add a median function" here; no model ran.');
  });

  it('answers a review with valid [demo] findings on line 1, one with a fix that is code for that line', async () => {
    const request: TriageRequest = { kind: 'review', instruction: 'Find bugs', selection: SELECTION, languageId: 'typescript' };
    const check = await checkAnswer(request, ask(request).chunks.join(''), 'stop', undefined);
    assert.ok(check.ok && check.answer.kind === 'review', JSON.stringify(check));
    const { findings, summary } = check.answer.review;
    assert.ok(findings.length >= 1 && findings.length <= 2);
    for (const f of findings) {
      assert.equal(f.line, 1);
      assert.match(f.message, /^\[demo\]/);
    }
    assert.match(summary, /\[demo\]/);
    const fix = findings.find((f) => f.fix !== undefined)?.fix;
    assert.ok(fix);
    assert.equal(fixedLineText('export function add(a: number, b: number) {', fix), 'export function add(a: number, b: number) { // [demo] reviewed');
  });

  it('knows comment syntax per language, and none for JSON', () => {
    assert.equal(demoComment('x', 'typescript'), '// x');
    assert.equal(demoComment('x', 'shellscript'), '# x');
    assert.equal(demoComment('x', 'sql'), '-- x');
    assert.equal(demoComment('x', 'html'), '<!-- x -->');
    assert.equal(demoComment('x', 'css'), '/* x */');
    assert.equal(demoComment('x', 'json'), undefined);
    assert.equal(demoComment('x', undefined), '// x');
  });
});
