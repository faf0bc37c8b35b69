// Tool calls and images over each real SDK against its fake, in the provider's own wire form.

import { strict as assert } from 'node:assert';
import type { ChatCall } from '../../../src/core/ports';
import type { ChatMessage, ToolSpec } from '../../../src/core/request';
import type { ProviderKind } from '../../../src/providers/createProvider';
import type { FakeServer } from '../../fakes/httpFake';
import type { Script } from '../../fakes/script';
import { chatCall, collect, providerFor, SUBJECTS } from './harness';

const TOOLS: readonly ToolSpec[] = [
  {
    name: 'readFile',
    description: 'Reads a file of the workspace',
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  },
  { name: 'listFiles', description: 'Lists the workspace' },
];
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
const PNG_BASE64 = 'iVBORw0KGgo=';

/** A tool loop's history: the user asked, the model called readFile, the result and a picture come back. */
const LOOP: readonly ChatMessage[] = [
  { role: 'user', content: 'What does a.ts export?' },
  { role: 'assistant', content: 'Let me look.', parts: [{ type: 'text', text: 'Let me look.' }, { type: 'tool-call', callId: 'call_a1', name: 'readFile', input: { path: 'a.ts' } }] },
  {
    role: 'user',
    content: 'And this screenshot?',
    parts: [
      { type: 'tool-result', callId: 'call_a1', content: 'export const a = 1;' },
      { type: 'text', text: 'And this screenshot?' },
      { type: 'image', mimeType: 'image/png', data: PNG },
    ],
  },
];

async function run(kind: ProviderKind, script: Script, overrides: Partial<ChatCall> = {}) {
  const subject = SUBJECTS.find((s) => s.kind === kind);
  assert.ok(subject);
  const fake: FakeServer = await subject.start({ scripts: [script] });
  try {
    const outcome = await collect(providerFor(kind, fake), chatCall({ tools: TOOLS, ...overrides }));
    return { outcome, body: (await fake.request(0)).body as Record<string, unknown> };
  } finally {
    await fake.close();
  }
}

const READ = { id: 'call_1', name: 'readFile', arguments: '{"path": "src/a.ts"}' };
const LIST = { id: 'call_2', name: 'listFiles', arguments: '{}', pieces: 1 };

describe('providers: tool calls and images', () => {
  describe('openai (Chat Completions)', () => {
    it('sends the tools as function tools, and toolMode as tool_choice', async () => {
      const { body } = await run('openai', { chunks: ['ok'] }, { toolMode: 'required' });
      assert.deepEqual(body.tools, [
        { type: 'function', function: { name: 'readFile', description: 'Reads a file of the workspace', parameters: TOOLS[0]?.inputSchema } },
        { type: 'function', function: { name: 'listFiles', description: 'Lists the workspace', parameters: { type: 'object', properties: {} } } },
      ]);
      assert.equal(body.tool_choice, 'required');
      assert.equal((await run('openai', { chunks: ['ok'] }, { toolMode: 'auto' })).body.tool_choice, 'auto');
      const plain = await run('openai', { chunks: ['ok'] }, { tools: undefined });
      assert.equal('tools' in plain.body || 'tool_choice' in plain.body, false);
    });

    it('joins streamed delta.tool_calls fragments into whole calls after the text, with finish tool-calls', async () => {
      const { outcome } = await run('openai', { chunks: ['Reading.'], toolCalls: [{ ...READ, pieces: 4 }, LIST] });
      assert.equal(outcome.error, undefined);
      assert.deepEqual(outcome.deltas, ['Reading.']);
      assert.deepEqual(outcome.toolCalls, [
        { type: 'tool-call', callId: 'call_1', name: 'readFile', input: { path: 'src/a.ts' } },
        { type: 'tool-call', callId: 'call_2', name: 'listFiles', input: {} },
      ]);
      assert.deepEqual(outcome.order.filter((t) => t !== 'rate-limit' && t !== 'usage'), ['delta', 'tool-call', 'tool-call', 'done']);
      assert.equal(outcome.done[0]?.finishReason, 'tool-calls');
    });

    for (const [what, args] of [
      ['cut-off', '{"path": "src/a'],
      ['invalid', '{path: src/a.ts}'],
      ['non-object', '["src/a.ts"]'],
    ] as const) {
      it(`fails with malformed, and yields no call, for ${what} arguments`, async () => {
        const { outcome } = await run('openai', { chunks: [], toolCalls: [LIST, { ...READ, arguments: args }] });
        assert.equal(outcome.error?.kind, 'malformed');
        assert.match(outcome.error?.message ?? '', /readFile/);
        assert.deepEqual(outcome.toolCalls, []);
        assert.deepEqual(outcome.done, []);
      });
    }

    it('sends tool calls back as assistant tool_calls, results as role tool with tool_call_id, images as data URLs', async () => {
      const { body } = await run('openai', { chunks: ['It exports a.'] }, { system: 'sys', messages: LOOP });
      assert.deepEqual(body.messages, [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'What does a.ts export?' },
        {
          role: 'assistant',
          content: 'Let me look.',
          tool_calls: [{ id: 'call_a1', type: 'function', function: { name: 'readFile', arguments: '{"path":"a.ts"}' } }],
        },
        { role: 'tool', tool_call_id: 'call_a1', content: 'export const a = 1;' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'And this screenshot?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
          ],
        },
      ]);
    });

    it('sends an assistant turn that only called tools with null content', async () => {
      const messages: ChatMessage[] = [
        { role: 'user', content: 'list' },
        { role: 'assistant', content: '', parts: [{ type: 'tool-call', callId: 'c9', name: 'listFiles', input: {} }] },
        { role: 'user', content: '', parts: [{ type: 'tool-result', callId: 'c9', content: 'a.ts' }] },
      ];
      const { body } = await run('openai', { chunks: ['a.ts'] }, { messages });
      const sent = body.messages as Record<string, unknown>[];
      assert.equal(sent[1]?.content, null);
      assert.deepEqual(sent.slice(2), [{ role: 'tool', tool_call_id: 'c9', content: 'a.ts' }]);
    });
  });

  describe('anthropic (Messages)', () => {
    it('sends the tools with input_schema, and toolMode as tool_choice auto / any', async () => {
      const { body } = await run('anthropic', { chunks: ['ok'] }, { toolMode: 'required' });
      assert.deepEqual(body.tools, [
        { name: 'readFile', description: 'Reads a file of the workspace', input_schema: TOOLS[0]?.inputSchema },
        { name: 'listFiles', description: 'Lists the workspace', input_schema: { type: 'object' } },
      ]);
      assert.deepEqual(body.tool_choice, { type: 'any' });
      assert.deepEqual((await run('anthropic', { chunks: ['ok'] }, { toolMode: 'auto' })).body.tool_choice, { type: 'auto' });
      const plain = await run('anthropic', { chunks: ['ok'] }, { tools: undefined });
      assert.equal('tools' in plain.body || 'tool_choice' in plain.body, false);
    });

    it('joins tool_use blocks from their input_json_delta pieces, after the text, with finish tool-calls', async () => {
      const { outcome } = await run('anthropic', { chunks: ['Reading.'], toolCalls: [{ ...READ, id: 'toolu_1', pieces: 5 }, { ...LIST, id: 'toolu_2' }] });
      assert.equal(outcome.error, undefined);
      assert.deepEqual(outcome.deltas, ['Reading.']);
      assert.deepEqual(outcome.toolCalls, [
        { type: 'tool-call', callId: 'toolu_1', name: 'readFile', input: { path: 'src/a.ts' } },
        { type: 'tool-call', callId: 'toolu_2', name: 'listFiles', input: {} },
      ]);
      assert.deepEqual(outcome.order.filter((t) => t !== 'rate-limit' && t !== 'usage'), ['delta', 'tool-call', 'tool-call', 'done']);
      assert.equal(outcome.done[0]?.finishReason, 'tool-calls');
    });

    it('reads a tool_use block whose input JSON is empty as a call with no arguments', async () => {
      const { outcome } = await run('anthropic', { chunks: [], toolCalls: [{ id: 'toolu_3', name: 'listFiles', arguments: '' }] });
      assert.deepEqual(outcome.toolCalls, [{ type: 'tool-call', callId: 'toolu_3', name: 'listFiles', input: {} }]);
    });

    for (const [what, args] of [
      ['cut-off', '{"path": "src/a'],
      ['non-object', '"src/a.ts"'],
    ] as const) {
      it(`fails with malformed, and yields no call, for ${what} input`, async () => {
        const { outcome } = await run('anthropic', { chunks: [], toolCalls: [{ ...READ, id: 'toolu_1', arguments: args }] });
        assert.equal(outcome.error?.kind, 'malformed');
        assert.match(outcome.error?.message ?? '', /readFile/);
        assert.deepEqual(outcome.toolCalls, []);
        assert.deepEqual(outcome.done, []);
      });
    }

    it('sends tool_use blocks back, tool_result blocks first in the next user turn, images as base64 blocks', async () => {
      const errorTurn: ChatMessage = { role: 'user', content: '', parts: [{ type: 'tool-result', callId: 'call_a2', content: 'ENOENT', isError: true }] };
      const { body } = await run('anthropic', { chunks: ['It exports a.'] }, { system: 'sys', messages: [...LOOP, { role: 'assistant', content: 'x' }, errorTurn] });
      assert.equal(body.system, 'sys');
      assert.deepEqual((body.messages as unknown[]).slice(0, 3), [
        { role: 'user', content: 'What does a.ts export?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me look.' },
            { type: 'tool_use', id: 'call_a1', name: 'readFile', input: { path: 'a.ts' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_a1', content: 'export const a = 1;' },
            { type: 'text', text: 'And this screenshot?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
          ],
        },
      ]);
      assert.deepEqual((body.messages as unknown[])[4], { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_a2', content: 'ENOENT', is_error: true }] });
    });
  });
  describe('ollama (/api/chat)', () => {
    it('sends the tools as function tools, and no tool_choice (Ollama has none)', async () => {
      const { body } = await run('ollama', { chunks: ['ok'] }, { toolMode: 'required' });
      assert.deepEqual(body.tools, [
        { type: 'function', function: { name: 'readFile', description: 'Reads a file of the workspace', parameters: TOOLS[0]?.inputSchema } },
        { type: 'function', function: { name: 'listFiles', description: 'Lists the workspace', parameters: { type: 'object', properties: {} } } },
      ]);
      assert.equal('tool_choice' in body, false);
      const plain = await run('ollama', { chunks: ['ok'] }, { tools: undefined });
      assert.equal('tools' in plain.body, false);
    });

    it('reads message.tool_calls (arguments as an object) after the text, with finish tool-calls', async () => {
      const { outcome } = await run('ollama', { chunks: ['Reading.'], toolCalls: [READ, LIST] });
      assert.equal(outcome.error, undefined);
      assert.deepEqual(outcome.deltas, ['Reading.']);
      assert.deepEqual(outcome.toolCalls, [
        { type: 'tool-call', callId: 'call_1', name: 'readFile', input: { path: 'src/a.ts' } },
        { type: 'tool-call', callId: 'call_2', name: 'listFiles', input: {} },
      ]);
      assert.deepEqual(outcome.order.filter((t) => t !== 'rate-limit' && t !== 'usage'), ['delta', 'tool-call', 'tool-call', 'done']);
      assert.equal(outcome.done[0]?.finishReason, 'tool-calls');
      const plain = await run('ollama', { chunks: ['Just text.'] });
      assert.equal(plain.outcome.done[0]?.finishReason, 'stop');
    });

    it('gives calls a server sent without ids distinct ids (a tool loop is pinned by them)', async () => {
      const subject = SUBJECTS.find((s) => s.kind === 'ollama');
      assert.ok(subject);
      const calls = [{ ...READ, id: '' }, { ...LIST, id: '' }];
      const fake = await subject.start({ scripts: [{ chunks: [], toolCalls: calls }, { chunks: [], toolCalls: calls }] });
      try {
        const provider = providerFor('ollama', fake);
        const first = await collect(provider, chatCall({ tools: TOOLS }));
        const second = await collect(provider, chatCall({ tools: TOOLS }));
        const ids = [...first.toolCalls, ...second.toolCalls].map((c) => c.callId);
        assert.equal(ids.length, 4);
        assert.equal(new Set(ids).size, 4, ids.join(', '));
        assert.ok(ids.every((id) => id !== ''));
      } finally {
        await fake.close();
      }
    });

    for (const [what, args] of [
      ['cut-off', '{"path": "src/a'],
      ['invalid', '{path: src/a.ts}'],
      ['non-object', '["src/a.ts"]'],
      ['null', 'null'],
    ] as const) {
      it(`fails with malformed, and yields no call, for ${what} arguments`, async () => {
        const { outcome } = await run('ollama', { chunks: [], toolCalls: [LIST, { ...READ, arguments: args }] });
        assert.equal(outcome.error?.kind, 'malformed');
        assert.match(outcome.error?.message ?? '', /readFile/);
        assert.deepEqual(outcome.toolCalls, []);
        assert.deepEqual(outcome.done, []);
      });
    }

    it('sends tool calls back with object arguments, results as role tool with tool_name and tool_call_id, images as base64', async () => {
      const { body } = await run('ollama', { chunks: ['It exports a.'] }, { system: 'sys', messages: LOOP });
      assert.deepEqual(body.messages, [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'What does a.ts export?' },
        { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'call_a1', function: { name: 'readFile', arguments: { path: 'a.ts' } } }] },
        { role: 'tool', content: 'export const a = 1;', tool_call_id: 'call_a1', tool_name: 'readFile' },
        { role: 'user', content: 'And this screenshot?', images: [PNG_BASE64] },
      ]);
    });

    it('sends a turn that only returns tool results as tool messages alone', async () => {
      const messages: ChatMessage[] = [
        { role: 'user', content: 'list' },
        { role: 'assistant', content: '', parts: [{ type: 'tool-call', callId: 'c9', name: 'listFiles', input: {} }] },
        { role: 'user', content: '', parts: [{ type: 'tool-result', callId: 'c9', content: 'a.ts' }] },
      ];
      const { body } = await run('ollama', { chunks: ['a.ts'] }, { messages });
      assert.deepEqual((body.messages as unknown[]).slice(1), [
        { role: 'assistant', content: '', tool_calls: [{ id: 'c9', function: { name: 'listFiles', arguments: {} } }] },
        { role: 'tool', content: 'a.ts', tool_call_id: 'c9', tool_name: 'listFiles' },
      ]);
    });
  });
});
