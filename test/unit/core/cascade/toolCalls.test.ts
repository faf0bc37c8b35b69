// Tool calls and message parts through the router and cascade: what reaches the provider, what comes back, when it moves on.

import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../../src/core/providerError';
import type { ChatMessage, ChatPart, ToolSpec, TriageRequest } from '../../../../src/core/request';
import { FakeProvider, makeHarness, path } from '../routingFakes';
import type { Reply } from '../routingFakes';

const TOOLS: readonly ToolSpec[] = [
  { name: 'readFile', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } },
];
const CALL = { callId: 'call_1', name: 'readFile', input: { path: 'a.ts' } };

function run(first: Reply, request: Partial<TriageRequest>, second: Reply = { text: '', toolCalls: [CALL] }) {
  const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': first });
  const openai = new FakeProvider('openai', false, { 'gpt-6-luna': second });
  const others = [new FakeProvider('anthropic', false, {}), new FakeProvider('ollama', true, {})];
  const h = makeHarness({ providers: [deepseek, openai, ...others], models: CALLERS });
  return { h, deepseek, openai, result: h.route(request) };
}

/** Both quick models call tools; the first takes images too. */
const CALLERS = { 'deepseek:deepseek-flash': { tools: true, images: true }, 'openai:gpt-6-luna': { tools: true } };

describe('cascade: tool calls and message parts', () => {
  it('sends the tools and toolMode, and returns the tool calls in the answer and as events after the attempt ends', async () => {
    const { h, deepseek, result } = run({ text: '', toolCalls: [CALL], finishReason: 'tool-calls' }, { tools: TOOLS, toolMode: 'auto' });
    const r = await result;
    assert.deepEqual(deepseek.calls[0]?.tools, TOOLS);
    assert.equal(deepseek.calls[0]?.toolMode, 'auto');
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=ok']);
    assert.deepEqual(r.answer, { kind: 'chat', text: '', toolCalls: [{ type: 'tool-call', ...CALL }] });
    const types = h.events.map((e) => e.type);
    assert.deepEqual(types.slice(types.indexOf('attempt-end')), ['attempt-end', 'tool-call']);
  });

  it('streams text that comes before the tool calls and keeps both', async () => {
    const { h, result } = run({ text: ['Let me ', 'look.'], toolCalls: [CALL], finishReason: 'tool-calls' }, { tools: TOOLS });
    const r = await result;
    assert.deepEqual(
      h.events.filter((e) => e.type === 'delta').map((e) => e.type === 'delta' && e.text),
      ['Let me ', 'look.'],
    );
    assert.deepEqual(r.answer, { kind: 'chat', text: 'Let me look.', toolCalls: [{ type: 'tool-call', ...CALL }] });
  });

  it('sends no tools for a request without them, and ignores tools on an edit', async () => {
    const plain = run({ text: 'hi' }, {});
    await plain.result;
    assert.equal(plain.deepseek.calls[0]?.tools, undefined);
    assert.equal('toolMode' in (plain.deepseek.calls[0] ?? {}), false);
    const edit = run({ text: '```ts\nf(y)\n```' }, { kind: 'edit', instruction: 'x', selection: 'f(x)\n', tools: TOOLS });
    await edit.result;
    assert.equal(edit.deepseek.calls[0]?.tools, undefined);
  });

  it('moves on from a text-only answer when a tool call is required, showing none of its text', async () => {
    const { h, openai, result } = run({ text: 'I would read a.ts.' }, { tools: TOOLS, toolMode: 'required' });
    const r = await result;
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=no-tool-call', 'openai:gpt-6-luna=ok']);
    assert.equal(openai.calls[0]?.toolMode, 'required');
    assert.equal(h.events.some((e) => e.type === 'delta'), false);
    assert.equal(h.events.filter((e) => e.type === 'tool-call').length, 1);
  });

  it('shows held-back text once a required tool call is accepted', async () => {
    const { h, result } = run({ text: ['Reading ', 'it.'], toolCalls: [CALL] }, { tools: TOOLS, toolMode: 'required' });
    const r = await result;
    const types = h.events.map((e) => e.type);
    assert.deepEqual(types.slice(types.indexOf('attempt-start')), ['attempt-start', 'delta', 'attempt-end', 'tool-call']);
    assert.equal(r.text, 'Reading it.');
  });

  it('moves on from a malformed tool call before anything reached the caller', async () => {
    const malformed = new ProviderError('malformed', 'tool call readFile: arguments are not valid JSON');
    const { h, result } = run({ throws: malformed }, { tools: TOOLS });
    const r = await result;
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=malformed', 'openai:gpt-6-luna=ok']);
    assert.deepEqual(r.answer, { kind: 'chat', text: '', toolCalls: [{ type: 'tool-call', ...CALL }] });
    assert.equal(h.events.filter((e) => e.type === 'tool-call').length, 1);
  });

  it('moves on from an answer with neither text nor a tool call', async () => {
    const r = await run({ text: '' }, { tools: TOOLS }, { text: 'done' }).result;
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=empty', 'openai:gpt-6-luna=ok']);
  });

  it('counts the tool list against the context window', async () => {
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'small' } });
    const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'large' } });
    const h = makeHarness({
      providers: [deepseek, openai, new FakeProvider('anthropic', false, {}), new FakeProvider('ollama', true, {})],
      models: { ...CALLERS, 'deepseek:deepseek-flash': { contextWindow: 6000, tools: true } },
    });
    const many: ToolSpec[] = Array.from({ length: 40 }, (_, i) => ({ name: `tool${i}`, description: 'Does one thing to the workspace, carefully. '.repeat(16) }));
    assert.equal((await h.route({ maxOutputTokens: 1000 })).servedBy, 'deepseek:deepseek-flash');
    const r = await h.route({ maxOutputTokens: 1000, tools: many });
    assert.deepEqual(path(r.attempts).map((p) => p.split('=')[1]), ['skipped-context', 'ok']);
  });

  it('passes the conversation parts and the current turn parts through to the call', async () => {
    const image: ChatPart = { type: 'image', mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) };
    const earlier: ChatMessage[] = [
      { role: 'user', content: 'read a.ts', parts: [{ type: 'text', text: 'read a.ts' }, image] },
      { role: 'assistant', content: '', parts: [{ type: 'tool-call', ...CALL }] },
    ];
    const turn: ChatPart[] = [{ type: 'tool-result', callId: 'call_1', content: 'export {}' }, { type: 'text', text: 'and?' }];
    const { deepseek, result } = run({ text: 'It is empty.' }, { instruction: 'read a.ts', conversation: earlier, parts: turn, tools: TOOLS });
    await result;
    const sent = deepseek.calls[0]?.messages ?? [];
    assert.deepEqual(sent.slice(0, 2), earlier);
    assert.deepEqual(sent[2], { role: 'user', content: 'and?', parts: turn });
  });

  describe('capabilities route too', () => {
    const image: ChatPart = { type: 'image', mimeType: 'image/png', data: new Uint8Array([137, 80, 78, 71]) };
    function world(models: Readonly<Record<string, { tools?: boolean; images?: boolean }>>) {
      const reply = { text: 'answer', toolCalls: [CALL] };
      const providers = [
        new FakeProvider('deepseek', false, { 'deepseek-flash': reply }),
        new FakeProvider('openai', false, { 'gpt-6-luna': reply }),
        new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': reply, 'claude-opus-5-5': reply }),
        new FakeProvider('ollama', true, { fallback: reply }),
      ];
      // No shipped facts count here: every test model starts as text only.
      const none = { tools: false, images: false };
      const keys = ['deepseek:deepseek-flash', 'openai:gpt-6-luna', 'anthropic:claude-sonnet-5-5', 'anthropic:claude-opus-5-5'];
      const facts = Object.fromEntries(keys.map((k) => [k, { ...none, ...models[k] }]));
      return { h: makeHarness({ providers, models: facts }), calls: () => providers.reduce((n, p) => n + p.calls.length, 0) };
    }

    it('sends a request with tools only to models that call tools, naming the ones passed over', async () => {
      const { h } = world({ 'openai:gpt-6-luna': { tools: true }, 'deepseek:deepseek-flash': { tools: false } });
      const r = await h.route({ tools: TOOLS });
      assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=skipped-capability', 'openai:gpt-6-luna=ok']);
      assert.equal(r.attempts[0]?.detail, 'does not call tools');
    });

    it('sends a request with an image (in the turn or the history) only to models that take images', async () => {
      const { h } = world({ 'deepseek:deepseek-flash': { tools: true }, 'anthropic:claude-sonnet-5-5': { images: true } });
      const r = await h.route({ parts: [{ type: 'text', text: 'what is this?' }, image] });
      assert.deepEqual(path(r.attempts), [
        'deepseek:deepseek-flash=skipped-capability',
        'openai:gpt-6-luna=skipped-capability',
        'anthropic:claude-sonnet-5-5=ok',
      ]);
      assert.equal(r.attempts[1]?.detail, 'takes no images');
      const later = await h.route({ conversation: [{ role: 'user', content: 'see', parts: [image] }, { role: 'assistant', content: 'a cat' }] });
      assert.equal(later.servedBy, 'anthropic:claude-sonnet-5-5');
    });

    it('needs both facts for a request with tools and an image', async () => {
      const { h } = world({ 'openai:gpt-6-luna': { tools: true }, 'anthropic:claude-sonnet-5-5': { tools: true, images: true } });
      const r = await h.route({ tools: TOOLS, parts: [image] });
      assert.equal(r.servedBy, 'anthropic:claude-sonnet-5-5');
      assert.equal(r.attempts[1]?.detail, 'takes no images');
    });

    it('says so, and sends nothing, when no model the request can reach takes it', async () => {
      const { h, calls } = world({ 'openai:gpt-6-luna': { images: true } });
      const r = await h.route({ tools: TOOLS });
      assert.equal(r.outcome, 'failed');
      assert.match(r.failure ?? '', /No model this request can reach is known to call tools \(tried deepseek:deepseek-flash, openai:gpt-6-luna, .*ollama:fallback\)/);
      assert.deepEqual(r.attempts, []);
      assert.equal(calls(), 0);
    });

    it('leaves plain requests alone: no facts needed', async () => {
      const { h } = world({});
      assert.equal((await h.route({})).servedBy, 'deepseek:deepseek-flash');
    });
  });
});
