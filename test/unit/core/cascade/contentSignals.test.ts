// Drives the cascade through unusable answers: empty, refusals, unparseable edits, invalid reviews, truncation.

import { strict as assert } from 'node:assert';
import type { TriageRequest } from '../../../../src/core/request';
import { FakeProvider, makeHarness, parenParser, path } from '../routingFakes';
import type { Reply } from '../routingFakes';

const EDIT: Partial<TriageRequest> = { kind: 'edit', instruction: 'rename x', selection: 'f(x)\n', languageId: 'typescript' };
const REVIEW: Partial<TriageRequest> = { kind: 'review', instruction: 'review', selection: 'a\nb\nc\n', languageId: 'typescript' };
const GOOD_REVIEW = JSON.stringify({ findings: [{ line: 2, severity: 'warning', message: 'b is odd', fix: null }], summary: 'fine' });

function run(first: Reply, request: Partial<TriageRequest>, second: Reply = { text: '```ts\nf(y)\n```' }) {
  const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': first });
  const openai = new FakeProvider('openai', false, { 'gpt-6-luna': second });
  const others = [new FakeProvider('anthropic', false, {}), new FakeProvider('ollama', true, {})];
  const h = makeHarness({ providers: [deepseek, openai, ...others], codeParser: parenParser });
  return { h, deepseek, openai, result: h.route(request) };
}

describe('cascade: content signals', () => {
  it('moves on from an empty answer, and still bills it', async () => {
    const { result } = run({ text: '   ' }, EDIT);
    const r = await result;
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=empty', 'openai:gpt-6-luna=ok']);
    assert.equal(r.attempts[0]?.costMicros, 450);
    assert.equal(r.costMicros, 450 + 350);
  });

  it('moves on from a chat that produced no text at all', async () => {
    const { result } = run({ text: [] }, { kind: 'chat' }, { text: 'hello' });
    const r = await result;
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=empty', 'openai:gpt-6-luna=ok']);
    assert.equal(r.text, 'hello');
  });

  for (const finishReason of ['refusal', 'content-filter'] as const) {
    it(`moves on from finishReason ${finishReason}`, async () => {
      const r = await run({ text: '```ts\nf(z)\n```', finishReason }, EDIT).result;
      assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=refusal', 'openai:gpt-6-luna=ok']);
    });
  }

  it('moves on from a short refusal-shaped edit answer', async () => {
    const r = await run({ text: "I'm sorry, but I can't help with that request." }, EDIT).result;
    assert.equal(r.attempts[0]?.outcome, 'refusal');
  });

  it('accepts a long answer that merely starts with "Sorry" when it has the code block', async () => {
    const r = await run({ text: 'Sorry for the wait! Here it is:\n```ts\nf(y)\n```' }, EDIT).result;
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=ok']);
    assert.deepEqual(r.answer, { kind: 'edit', text: 'Sorry for the wait! Here it is:\n```ts\nf(y)\n```', replacement: 'f(y)\n' });
  });

  it('moves on from an edit with no code block', async () => {
    const r = await run({ text: 'Just rename x to y.' }, EDIT).result;
    assert.equal(r.attempts[0]?.outcome, 'no-code-block');
  });

  it('moves on from an edit cut off by the length limit', async () => {
    const r = await run({ text: '```ts\nf(y', finishReason: 'length' }, EDIT).result;
    assert.equal(r.attempts[0]?.outcome, 'truncated');
  });

  it('moves on from an edit whose replacement has more syntax errors than the selection', async () => {
    const r = await run({ text: '```ts\nf((y)\n```' }, EDIT).result;
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=syntax-error', 'openai:gpt-6-luna=ok']);
    assert.equal(r.answer?.kind === 'edit' && r.answer.replacement, 'f(y)\n');
  });

  it('accepts a replacement with no more errors than an already-broken selection', async () => {
    const broken = { ...EDIT, selection: 'g((x)\n' };
    const r = await run({ text: '```ts\ng((y)\n```' }, broken).result;
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=ok']);
  });

  it('passes the review JSON schema and accepts a valid review', async () => {
    const { result, deepseek } = run({ text: GOOD_REVIEW }, REVIEW);
    const r = await result;
    assert.ok(deepseek.calls[0]?.jsonSchema, 'jsonSchema sent');
    assert.deepEqual(r.answer, { kind: 'review', text: GOOD_REVIEW, review: { findings: [{ line: 2, severity: 'warning', message: 'b is odd' }], summary: 'fine' } });
  });

  it('moves on from a review that is not the structured form asked for', async () => {
    const r = await run({ text: 'Looks good to me!' }, REVIEW, { text: GOOD_REVIEW }).result;
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=invalid-review', 'openai:gpt-6-luna=ok']);
  });

  it('moves on from a review whose findings break the schema', async () => {
    const bad = JSON.stringify({ findings: [{ line: 'two', severity: 'warning', message: 'x' }], summary: '' });
    const r = await run({ text: bad }, REVIEW, { text: GOOD_REVIEW }).result;
    assert.equal(r.attempts[0]?.outcome, 'invalid-review');
  });
});
