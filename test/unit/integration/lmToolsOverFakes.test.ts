// Tool calling through kind `lm` over the real router, adapters and protocol fakes: a malformed tool call escalates
// before anything reaches the caller (per provider kind), and an agent loop's turns stay on the model that started it.

import { strict as assert } from 'node:assert';
import type { Classification } from '../../../src/core/classifier/classification';
import { LmToolLoops } from '../../../src/core/lm/lmTurns';
import { certain } from '../../../src/core/privacyCheck';
import type { ChatMessage, PoolName, ToolSpec, TriageRequest } from '../../../src/core/request';
import type { RouteEvent } from '../../../src/core/routeTypes';
import type { ScriptToolCall } from '../../fakes/script';
import { answer, worldPerTest, type World, type WorldProvider } from './routingWorld';

const TOOLS: readonly ToolSpec[] = [
  { name: 'readFile', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
];
const ASK: ChatMessage[] = [{ role: 'user', content: 'What does src/a.ts export?' }];
const BROKEN: ScriptToolCall = { id: 'call_bad', name: 'readFile', arguments: '{"path": "src/a' };
const GOOD: ScriptToolCall = { id: 'call_good', name: 'readFile', arguments: '{"path": "src/a.ts"}' };

/** What reached the caller: text deltas and tool calls, in order. */
function reached(events: readonly RouteEvent[]): unknown[] {
  return events.flatMap((e): unknown[] => (e.type === 'delta' ? [e.text] : e.type === 'tool-call' ? [{ callId: e.callId, name: e.name, input: e.input }] : []));
}

function fixed(pool: PoolName): Classification {
  return { pool, probabilities: certain(pool), confidence: 0.8, reason: 'test', source: 'embedded', sensitive: false };
}

describe('integration: lm tool calls over the real adapters and protocol fakes', function () {
  this.timeout(20_000);
  const start = worldPerTest();
  const loops = () => new LmToolLoops();

  describe('a malformed tool call escalates before anything reaches the caller', () => {
    const cases: readonly {
      kind: string;
      pool: PoolName;
      first: WorldProvider;
      firstModel: string;
      next: WorldProvider;
      nextModel: string;
    }[] = [
      { kind: 'openai (Chat Completions)', pool: 'quick', first: 'deepseek', firstModel: 'deepseek:deepseek-flash', next: 'openai', nextModel: 'openai:gpt-6-luna' },
      { kind: 'anthropic (Messages)', pool: 'coding', first: 'anthropic', firstModel: 'anthropic:claude-sonnet-5-5', next: 'openai', nextModel: 'openai:gpt-6-sol' },
      { kind: 'ollama (/api/chat)', pool: 'local', first: 'ollama', firstModel: 'ollama:qwen2.5-coder:7b', next: 'deepseek', nextModel: 'deepseek:deepseek-flash' },
    ];
    for (const c of cases) {
      it(`${c.kind}: the next model's valid call is all the caller gets; the ledger shows the malformed attempt`, async () => {
        const broken = answer([], { toolCalls: [BROKEN] });
        const good = answer([], { toolCalls: [GOOD] });
        const fakes = c.first === c.next ? { [c.first]: { scripts: [broken, good] } } : { [c.first]: { scripts: [broken] }, [c.next]: { scripts: [good] } };
        const w = await start({ classify: c.pool, fakes });
        const r = await w.route(loops().turn('auto', ASK, { tools: TOOLS, toolMode: 'auto' }).request);
        assert.equal(r.outcome, 'ok', r.failure);
        assert.equal(r.servedBy, c.nextModel);
        assert.deepEqual(reached(w.events), [{ callId: 'call_good', name: 'readFile', input: { path: 'src/a.ts' } }]);
        assert.deepEqual(r.answer?.kind === 'chat' ? r.answer.toolCalls?.map((t) => t.callId) : undefined, ['call_good']);
        assert.deepEqual(r.attempts.map((a) => [a.model, a.outcome]), [[c.firstModel, 'malformed'], [c.nextModel, 'ok']]);
        const { records } = await w.ledger.read();
        assert.equal(records.length, 1);
        assert.equal(records[0]?.kind, 'lm');
        assert.equal(records[0]?.servedBy, c.nextModel);
        assert.deepEqual(records[0]?.attempts.map((a) => `${a.model}:${a.outcome}`), [`${c.firstModel}:malformed`, `${c.nextModel}:ok`]);
        // Both fakes saw the tools in their own wire form.
        assert.ok(w.fakes[c.first].requests.some((q) => JSON.stringify(q.body).includes('"readFile"')));
      });
    }

    it('after text has streamed, a malformed call fails visibly instead (nothing shown is taken back)', async () => {
      const w = await start({ classify: 'quick', fakes: { deepseek: { scripts: [answer(['Let me look.'], { toolCalls: [BROKEN] })] }, openai: { scripts: [answer([], { toolCalls: [GOOD] })] } } });
      const r = await w.route(loops().turn('auto', ASK, { tools: TOOLS, toolMode: 'auto' }).request);
      assert.equal(r.outcome, 'failed');
      assert.match(r.failure ?? '', /deepseek:deepseek-flash broke off \(malformed\)/);
      assert.deepEqual(reached(w.events), ['Let me look.']);
      assert.equal(w.chats('openai'), 0);
    });

    it('with toolMode required the text is held, so even a call after text escalates', async () => {
      const w = await start({ classify: 'quick', fakes: { deepseek: { scripts: [answer(['Let me look.'], { toolCalls: [BROKEN] })] }, openai: { scripts: [answer(['Reading.'], { toolCalls: [GOOD] })] } } });
      const r = await w.route(loops().turn('auto', ASK, { tools: TOOLS, toolMode: 'required' }).request);
      assert.equal(r.servedBy, 'openai:gpt-6-luna');
      assert.deepEqual(reached(w.events), ['Reading.', { callId: 'call_good', name: 'readFile', input: { path: 'src/a.ts' } }]);
    });
  });

  describe('an agent loop stays on one model', () => {
    /** The classifier as the router sees it: records what it was asked to read, answers `pools` in turn. */
    function classifier(pools: PoolName[]) {
      const read: string[] = [];
      const classify = async (request: TriageRequest): Promise<Classification> => {
        read.push(request.instruction);
        return fixed(pools[Math.min(read.length - 1, pools.length - 1)] ?? 'quick');
      };
      return { read, classify };
    }

    /** Turn 2 of the loop: the model's call and its result come back. */
    function withResult(callId: string, result: string): ChatMessage[] {
      return [
        ...ASK,
        { role: 'assistant', content: '', parts: [{ type: 'tool-call', callId, name: 'readFile', input: { path: 'src/a.ts' } }] },
        { role: 'user', content: '', parts: [{ type: 'tool-result', callId, content: result }] },
      ];
    }

    async function firstTurn(w: World, l: LmToolLoops): Promise<void> {
      const turn = l.turn('auto', ASK, { tools: TOOLS });
      const r = await w.route(turn.request);
      assert.equal(r.servedBy, 'deepseek:deepseek-flash');
      l.settle(turn, r);
    }

    it('classifies the user turn, not the tool result, and keeps the model that made the calls though the classifier moved', async () => {
      const c = classifier(['quick', 'reasoning']);
      const w = await start({
        classifier: c.classify,
        fakes: { deepseek: { scripts: [answer([], { toolCalls: [GOOD] }), answer(['It exports a.'])] }, anthropic: { scripts: [answer(['opus'])] } },
      });
      const l = loops();
      await firstTurn(w, l);
      const turn = l.turn('auto', withResult('call_good', 'export const a = 1; // a long file the classifier must not read'), { tools: TOOLS });
      assert.equal(turn.request.preferModel, 'deepseek:deepseek-flash');
      const r = await w.route(turn.request);
      l.settle(turn, r);
      assert.deepEqual(c.read, ['What does src/a.ts export?', 'What does src/a.ts export?']);
      assert.equal(r.classification.pool, 'reasoning');
      assert.equal(r.servedBy, 'deepseek:deepseek-flash');
      assert.equal(w.chats('anthropic'), 0);
      assert.equal(w.chats('deepseek'), 2);
      // The loop's second request carried the call and its result in OpenAI's form.
      const sent = (w.fakes.deepseek.requests[1]?.body as { messages: { role: string; tool_call_id?: string }[] }).messages;
      assert.deepEqual(sent.map((m) => m.role), ['user', 'assistant', 'tool']);
      assert.equal(sent[2]?.tool_call_id, 'call_good');
    });

    it('moves on when the pinned model fails, and the model that took over holds the rest of the loop', async () => {
      const w = await start({
        classify: 'quick',
        fakes: {
          deepseek: { scripts: [answer([], { toolCalls: [GOOD] }), { chunks: [], fault: { kind: 'service-unavailable' } }] },
          openai: { scripts: [answer([], { toolCalls: [{ ...GOOD, id: 'call_luna' }] }), answer(['done'])] },
        },
      });
      const l = loops();
      await firstTurn(w, l);
      const second = l.turn('auto', withResult('call_good', 'export const a = 1;'), { tools: TOOLS });
      const r2 = await w.route(second.request);
      l.settle(second, r2);
      assert.deepEqual(r2.attempts.map((a) => [a.model, a.outcome]), [['deepseek:deepseek-flash', 'overloaded'], ['openai:gpt-6-luna', 'ok']]);
      const third = l.turn('auto', [
        ...withResult('call_good', 'export const a = 1;'),
        { role: 'assistant', content: '', parts: [{ type: 'tool-call', callId: 'call_luna', name: 'readFile', input: { path: 'src/a.ts' } }] },
        { role: 'user', content: '', parts: [{ type: 'tool-result', callId: 'call_luna', content: 'export const a = 1;' }] },
      ], { tools: TOOLS });
      assert.equal(third.request.preferModel, 'openai:gpt-6-luna');
      // Results for the failed model's calls no longer pin it.
      assert.equal(l.turn('auto', withResult('call_good', 'again')).request.preferModel, undefined);
    });

    it('a secret in a tool result keeps the turn local, whatever model the loop was pinned to', async () => {
      const w = await start({
        classify: 'quick',
        sensitive: (text) => (text.includes('sk-live-') ? [{ kind: 'api-key' } as never] : []),
        fakes: { deepseek: { scripts: [answer([], { toolCalls: [GOOD] })] }, ollama: { scripts: [answer(['local answer'])] } },
      });
      const l = loops();
      await firstTurn(w, l);
      const turn = l.turn('auto', withResult('call_good', 'const key = "sk-live-0123456789abcdef";'), { tools: TOOLS });
      assert.equal(turn.request.preferModel, 'deepseek:deepseek-flash');
      const r = await w.route(turn.request);
      assert.equal(r.servedBy, 'ollama:qwen2.5-coder:7b');
      assert.equal(w.chats('deepseek'), 1, 'the pinned cloud model never saw the secret');
      assert.ok(!JSON.stringify(w.fakes.deepseek.requests.map((q) => q.body)).includes('sk-live-'));
    });
  });
});
