// Compaction through the router over fakes: a long chat's older turns go to the local model, the paid model gets summary + recent.

import { strict as assert } from 'node:assert';
import { compactionPlan, RECENT_TURNS } from '../../../../src/core/conversation/compaction';
import { ProviderError } from '../../../../src/core/providerError';
import type { ChatMessage } from '../../../../src/core/request';
import { FakeProvider, makeHarness } from '../routingFakes';
import type { HarnessOptions } from '../routingFakes';

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
