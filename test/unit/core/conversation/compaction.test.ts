// Compaction through the router over fakes: a long chat's older turns go to the local model, the paid model gets summary + recent.

import { strict as assert } from 'node:assert';
import { compactedConversation, compactionPlan, compactRequest, estimateTokens, RECENT_TURNS, SUMMARY_MAX_TOKENS, SUMMARY_SYSTEM_PROMPT } from '../../../../src/core/conversation/compaction';
import type { CompactionDeps } from '../../../../src/core/conversation/compaction';
import type { PoolsConfig } from '../../../../src/core/pools/poolsConfig';
import type { ChatProvider } from '../../../../src/core/ports';
import { ProviderError } from '../../../../src/core/providerError';
import type { ChatMessage } from '../../../../src/core/request';
import { FakeProvider, makeHarness } from '../routingFakes';
import type { HarnessOptions, Reply } from '../routingFakes';

const long = (n: number, tag = 'turn'): ChatMessage[] =>
  Array.from({ length: n }, (_, i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content: `${tag} ${i}: ${'x'.repeat(400)}` }));

function world(options: Partial<HarnessOptions> = {}, localFails = false) {
  const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'paid answer' } });
  const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'luna' } });
  const anthropic = new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': { text: 's' }, 'claude-opus-5-5': { text: 'o' } });
  const ollama = new FakeProvider('ollama', true, { small: localFails ? { throws: new ProviderError('unavailable', 'down') } : { text: 'SUMMARY: we discussed x' }, fallback: { text: 'f' } });
  const h = makeHarness({ providers: [deepseek, openai, anthropic, ollama], compactAboveTokens: 500, ...options });
  return { h, deepseek, ollama };
}

describe('compaction', () => {
  it('summarises the older turns locally and sends the paid model the summary plus the recent turns', async () => {
    const { h, deepseek, ollama } = world();
    const conversation = long(10);
    const r = await h.route({ kind: 'chat', instruction: 'and now?', conversation });
    assert.equal(ollama.calls.length, 1, 'one local summary call');
    assert.match(ollama.calls[0]!.messages[0]!.content, /turn 0:/);
    assert.doesNotMatch(ollama.calls[0]!.messages[0]!.content, /turn 9:/, 'recent turns are not summarised');
    const sent = deepseek.calls[0]!.messages.map((m) => m.content).join('\n');
    assert.match(sent, /SUMMARY: we discussed x/);
    assert.doesNotMatch(sent, /turn 0:/, 'older turns are not resent');
    for (let i = 10 - RECENT_TURNS; i < 10; i++) assert.match(sent, new RegExp(`turn ${i}:`));
    assert.equal(r.compaction?.turnsSummarised, 10 - RECENT_TURNS);
    assert.equal(r.compaction?.summary, 'SUMMARY: we discussed x');
    assert.ok(r.compaction!.tokensAfter < r.compaction!.tokensBefore);
  });

  it('leaves a short history, a setting of 0, and the local pool alone', async () => {
    for (const [w, conversation] of [[world(), long(3)], [world({ compactAboveTokens: 0 }), long(10)], [world({ classify: 'local' }), long(10)]] as const) {
      const r = await w.h.route({ kind: 'chat', instruction: 'q', conversation });
      assert.equal(r.compaction, undefined);
      assert.equal(w.ollama.calls.filter((c) => c.system?.startsWith('Summarise')).length, 0);
    }
  });

  it('never summarises a conversation holding a secret (it stays local whole)', async () => {
    const secret = (text: string) => (text.includes('sk-live') ? [{ rule: 'api-key', kind: 'credential' as const }] : []);
    const conversation = [...long(2), { role: 'user' as const, content: 'my key is sk-live-123' }, ...long(8)];
    const { h, ollama } = world({ sensitive: secret });
    const r = await h.route({ kind: 'chat', instruction: 'q', conversation });
    assert.equal(r.compaction, undefined);
    assert.equal(ollama.calls.filter((c) => c.system?.startsWith('Summarise')).length, 0);
  });

  it('sends the full history when the local model fails', async () => {
    const { h, deepseek } = world({}, true);
    const r = await h.route({ kind: 'chat', instruction: 'q', conversation: long(10) });
    assert.equal(r.compaction, undefined);
    assert.match(deepseek.calls[0]!.messages.map((m) => m.content).join('\n'), /turn 0:/);
  });

  it('plans nothing under the threshold or with no more turns than it keeps', () => {
    assert.equal(compactionPlan(long(10), 100_000), undefined);
    assert.equal(compactionPlan(long(RECENT_TURNS), 1), undefined);
    assert.equal(compactionPlan(long(6), 1)?.older.length, 2);
  });
});

const tokensOf = (turns: readonly ChatMessage[]): number => turns.reduce((sum, m) => sum + estimateTokens(m.content), 0);

/** compactRequest alone, its local pool's first model `ollama:small` replying `reply`. */
function direct(reply: Reply, options: { isLocal?: boolean; lookupThrows?: boolean } = {}) {
  const local = new FakeProvider('ollama', options.isLocal ?? true, { small: reply });
  const pools: PoolsConfig = { pools: { local: [{ provider: 'ollama', model: 'small' }], quick: [], coding: [], reasoning: [] }, fallback: { provider: 'ollama', model: 'fallback' }, models: {} };
  const deps: CompactionDeps = {
    providers: {
      get: async (id: string): Promise<ChatProvider | undefined> => {
        if (options.lookupThrows) throw new ProviderError('auth', 'no key');
        return id === 'ollama' ? local : undefined;
      },
    },
    pools,
    aboveTokens: 500,
    signal: new AbortController().signal,
  };
  return { local, compact: (conversation: readonly ChatMessage[], kind: 'chat' | 'edit' = 'chat') => compactRequest({ kind, instruction: 'q', conversation }, deps) };
}

describe('compaction: the summary call and its answer', () => {
  it('estimates a token as four characters, rounded up', () => {
    assert.deepEqual(['', 'a', 'abcd', 'abcde', 'x'.repeat(401)].map(estimateTokens), [0, 1, 1, 2, 101]);
  });

  it('compacts only a history over the threshold, not one exactly at it', () => {
    const six = long(6);
    assert.equal(compactionPlan(six, tokensOf(six)), undefined);
    assert.equal(compactionPlan(six, tokensOf(six) - 1)?.older.length, 2);
  });

  it('sends the paid model the summary as an exchange, then the recent turns unchanged', () => {
    const recent = long(2, 'recent');
    const sent = compactedConversation('we chose x', recent);
    assert.equal(sent.length, 4);
    assert.equal(sent[0]!.role, 'user');
    assert.match(sent[0]!.content, /\n\nwe chose x$/);
    assert.equal(sent[1]!.role, 'assistant');
    assert.match(sent[1]!.content, /continue from that summary/);
    assert.deepEqual(sent.slice(2), recent);
  });

  it('gives the local model the older turns labelled by who said them, with the summary prompt and limits', async () => {
    const { local, compact } = direct({ text: 'S' });
    const conversation = long(6);
    await compact(conversation);
    assert.equal(local.calls.length, 1);
    const call = local.calls[0]!;
    assert.equal(call.messages.length, 1);
    assert.equal(call.messages[0]!.content, `Developer: ${conversation[0]!.content}\n\nAssistant: ${conversation[1]!.content}`);
    assert.equal(call.system, SUMMARY_SYSTEM_PROMPT);
    for (const part of ['Summarise this conversation', 'continue it. Keep every decision', 'keep code the developer will refer to', 'At most 250 words.']) assert.ok(call.system?.includes(part), part);
    assert.equal(call.maxOutputTokens, SUMMARY_MAX_TOKENS);
    assert.equal(call.temperature, 0);
  });

  it('trims the summary', async () => {
    const r = await direct({ text: ['  \n we chose', ' x \n\n'] }).compact(long(10));
    assert.equal(r?.compaction.summary, 'we chose x');
    assert.equal(r?.request.conversation?.[0]?.content.endsWith('\n\nwe chose x'), true);
  });

  it('keeps the full history when the summary is empty or no shorter than the turns it replaces', async () => {
    const older = long(6).slice(0, 2);
    const exchange = compactedConversation('', []);
    // A summary whose exchange costs exactly the older turns' tokens: nothing saved.
    const even = 'y'.repeat(4 * (tokensOf(older) - estimateTokens(exchange[1]!.content)) - exchange[0]!.content.length);
    assert.equal(tokensOf(compactedConversation(even, [])), tokensOf(older), 'the summary costs what it replaces');
    assert.equal(await direct({ text: ' \n ' }).compact(long(6)), undefined, 'empty');
    assert.equal(await direct({ text: even }).compact(long(6)), undefined, 'as long');
    assert.equal(await direct({ text: 'y'.repeat(5000) }).compact(long(6)), undefined, 'longer');
    const shorter = await direct({ text: even.slice(4) }).compact(long(6));
    assert.equal(shorter?.compaction.tokensAfter, shorter!.compaction.tokensBefore - 1, 'one token shorter is kept');
  });

  it('gives up when the summariser fails part-way, without using the part it sent', async () => {
    const r = await direct({ throws: new ProviderError('timeout', 'cut off'), afterDeltas: ['we chose'] }).compact(long(10));
    assert.equal(r, undefined);
  });

  it('gives up when the local model is not local, or cannot be had, and leaves a request other than a chat alone', async () => {
    const cloud = direct({ text: 'S' }, { isLocal: false });
    assert.equal(await cloud.compact(long(10)), undefined);
    assert.equal(cloud.local.calls.length, 0, 'nothing sent to a cloud model');
    assert.equal(await direct({ text: 'S' }, { lookupThrows: true }).compact(long(10)), undefined);
    const edit = direct({ text: 'S' });
    assert.equal(await edit.compact(long(10), 'edit'), undefined);
    assert.equal(edit.local.calls.length, 0);
    assert.notEqual(await direct({ text: 'S' }).compact(long(10)), undefined, 'the same chat is compacted');
  });
});
