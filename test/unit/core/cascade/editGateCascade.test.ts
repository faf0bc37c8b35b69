// The edit gate inside the cascade: a proposal that adds errors escalates once, then the next or the better one is shown.

import { strict as assert } from 'node:assert';
import type { EditCheckReport, EditChecker, EditDiagnostic } from '../../../../src/core/editCheck/editDiagnostics';
import { ProviderError } from '../../../../src/core/providerError';
import type { TriageRequest } from '../../../../src/core/request';
import { FakeProvider, makeHarness, path } from '../routingFakes';
import type { Reply } from '../routingFakes';

const EDIT: Partial<TriageRequest> = { kind: 'edit', instruction: 'rename x', selection: 'f(x)\n', languageId: 'typescript' };
const ASSIGN = "Type 'string' is not assignable to type 'number'.";
const MISSING = "Cannot find name 'y'.";
const err = (message: string, line = 0): EditDiagnostic => ({ severity: 'error', message, line, source: 'ts' });
const block = (code: string): Reply => ({ text: `\`\`\`ts\n${code}\n\`\`\`` });

/** A checker that reports, per replacement, the diagnostics of the document after it; `before` for the original. */
function checker(after: Record<string, readonly EditDiagnostic[] | 'timed-out'>, before: readonly EditDiagnostic[] = []): EditChecker & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    async check(replacement): Promise<EditCheckReport> {
      seen.push(replacement);
      const found = after[replacement.trim()];
      if (found === 'timed-out') return { kind: 'timed-out', ms: 1500 };
      return { kind: 'reported', before, after: found ?? [], ms: 12 };
    },
  };
}

function setup(flash: Reply | readonly Reply[], luna: Reply | readonly Reply[] = block('f(y)'), sonnet: Reply = block('f(z)')) {
  const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': flash });
  const openai = new FakeProvider('openai', false, { 'gpt-6-luna': luna });
  const anthropic = new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': sonnet, 'claude-opus-5-5': sonnet });
  const ollama = new FakeProvider('ollama', true, { fallback: { throws: new ProviderError('unavailable', 'down') } });
  return { h: makeHarness({ providers: [deepseek, openai, anthropic, ollama] }), openai, anthropic };
}

const replacementOf = (r: { answer?: { kind: string } & Partial<{ replacement: string }> }) => r.answer?.kind === 'edit' ? r.answer.replacement?.trim() : undefined;

describe('cascade: the edit gate', () => {
  it('escalates a proposal that adds a type error to the next model, whose clean proposal is shown', async () => {
    const { h } = setup(block('f(1)'));
    const check = checker({ 'f(1)': [err(ASSIGN)] });
    const r = await h.route(EDIT, undefined, { editChecker: check });
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=new-errors', 'openai:gpt-6-luna=ok']);
    assert.equal(r.attempts[0]?.detail, '1 new error');
    assert.equal(replacementOf(r), 'f(y)');
    assert.deepEqual(r.editCheck, { status: 'clean', newErrors: [], ms: 12, escalatedFrom: 'deepseek:deepseek-flash' });
    assert.deepEqual(check.seen.map((s) => s.trim()), ['f(1)', 'f(y)']);
    assert.ok(r.attempts[0]!.costMicros > 0, 'the passed-over proposal is still billed');
    assert.equal(h.ledger.records[0]?.attempts[0]?.outcome, 'new-errors');
    const checks = h.events.flatMap((e) => (e.type === 'edit-check' ? [e.model] : []));
    assert.deepEqual(checks, ['deepseek:deepseek-flash', 'openai:gpt-6-luna'], 'the progress says which proposal is being checked');
  });

  it('passes a proposal that fixes an existing error without escalating', async () => {
    const { h, openai } = setup(block('f(y)'));
    const r = await h.route(EDIT, undefined, { editChecker: checker({}, [err(ASSIGN)]) });
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=ok']);
    assert.equal(openai.calls.length, 0);
    assert.equal(r.editCheck?.status, 'clean');
  });

  it('escalates only once: two bad proposals show the one with fewer new errors, listed', async () => {
    const { h, anthropic } = setup(block('f(1)'), block('f(2)'));
    const r = await h.route(EDIT, undefined, { editChecker: checker({ 'f(1)': [err(ASSIGN, 0)], 'f(2)': [err(ASSIGN), err(MISSING, 1)] }) });
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=new-errors', 'openai:gpt-6-luna=new-errors']);
    assert.equal(anthropic.calls.length, 0, 'no third model');
    assert.equal(r.outcome, 'ok');
    assert.equal(replacementOf(r), 'f(1)');
    assert.equal(r.servedBy, 'deepseek:deepseek-flash');
    assert.deepEqual(r.editCheck, { status: 'new-errors', newErrors: [{ message: ASSIGN, line: 1 }], ms: 12, otherNewErrors: 2 });
  });

  it('shows the next model’s proposal when both add errors and it adds fewer (or as many)', async () => {
    const { h } = setup(block('f(1)'), block('f(2)'));
    const r = await h.route(EDIT, undefined, { editChecker: checker({ 'f(1)': [err(ASSIGN), err(MISSING)], 'f(2)': [err(MISSING)] }) });
    assert.equal(replacementOf(r), 'f(2)');
    assert.equal(r.servedBy, 'openai:gpt-6-luna');
    assert.deepEqual(r.editCheck, { status: 'new-errors', newErrors: [{ message: MISSING, line: 1 }], ms: 12, escalatedFrom: 'deepseek:deepseek-flash', otherNewErrors: 2 });
  });

  it('shows a proposal whose check timed out, without escalating', async () => {
    const { h, openai } = setup(block('f(1)'));
    const r = await h.route(EDIT, undefined, { editChecker: checker({ 'f(1)': 'timed-out' }) });
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=ok']);
    assert.equal(openai.calls.length, 0);
    assert.deepEqual(r.editCheck, { status: 'timed-out', newErrors: [], ms: 1500 });
  });

  it('shows the passed-over proposal with its problems when no later model gives a usable one', async () => {
    const down = { throws: new ProviderError('unavailable', 'down') };
    const { h } = setup(block('f(1)'), down, down);
    const r = await h.route(EDIT, undefined, { editChecker: checker({ 'f(1)': [err(ASSIGN)] }) });
    assert.equal(r.outcome, 'ok');
    assert.equal(replacementOf(r), 'f(1)');
    assert.equal(r.editCheck?.status, 'new-errors');
    assert.equal(path(r.attempts)[0], 'deepseek:deepseek-flash=new-errors');
  });

  it('takes a checker that throws as "could not check": the proposal is shown', async () => {
    const { h, openai } = setup(block('f(1)'));
    const r = await h.route(EDIT, undefined, { editChecker: { check: () => Promise.reject(new Error('bug')) } });
    assert.equal(replacementOf(r), 'f(1)');
    assert.equal(openai.calls.length, 0);
    assert.equal(r.editCheck?.status, 'unavailable');
  });

  it('does not check answers that are not edits, nor edits that did not parse', async () => {
    const { h } = setup({ text: 'an answer' });
    const check = checker({});
    const r = await h.route({ kind: 'chat', instruction: 'explain' }, undefined, { editChecker: check });
    assert.equal(r.outcome, 'ok');
    assert.equal(r.editCheck, undefined);
    const second = setup({ text: 'no code here' });
    await second.h.route(EDIT, undefined, { editChecker: check });
    assert.deepEqual(check.seen.map((s) => s.trim()), ['f(y)'], 'only the usable proposal was checked');
  });

  it('ends as cancelled when the user cancels during the check', async () => {
    const { h, openai } = setup(block('f(1)'));
    const abort = new AbortController();
    const r = await h.route(EDIT, abort.signal, {
      editChecker: {
        async check() {
          abort.abort();
          return { kind: 'timed-out', ms: 3 };
        },
      },
    });
    assert.equal(r.outcome, 'cancelled');
    assert.equal(openai.calls.length, 0);
  });

  it('shows the passed-over proposal when the budget stops the next model (onExceed block), with the budget notice', async () => {
    // Flash's proposal costs enough (3,000 output tokens) that Luna's estimate no longer fits the day's budget.
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { ...block('f(1)'), usage: { outputTokens: 3000 } } });
    const openai = new FakeProvider('openai', false, { 'gpt-6-luna': block('f(y)') });
    const ollama = new FakeProvider('ollama', true, { fallback: { throws: new ProviderError('unavailable', 'down') } });
    const h = makeHarness({ providers: [deepseek, openai, new FakeProvider('anthropic', false, {}), ollama], budget: { dailyMicros: 1000, onExceed: 'block' } });
    const r = await h.route(EDIT, undefined, { editChecker: checker({ 'f(1)': [err(ASSIGN)] }) });
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=new-errors', 'openai:gpt-6-luna=skipped-budget']);
    assert.equal(openai.calls.length, 0);
    assert.equal(r.outcome, 'ok');
    assert.equal(replacementOf(r), 'f(1)');
    assert.equal(r.servedBy, 'deepseek:deepseek-flash');
    assert.deepEqual(r.editCheck, { status: 'new-errors', newErrors: [{ message: ASSIGN, line: 1 }], ms: 12 });
    assert.match(r.notices.find((n) => n.kind === 'budget-exceeded')?.message ?? '', /— no other model was asked; the proposal already made is shown\./);
    assert.equal(h.ledger.records[0]?.outcome, 'ok');
  });
});
