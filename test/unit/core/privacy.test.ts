// The privacy rule: a request holding a credential or personal identifier never leaves the machine.

import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../src/core/providerError';
import type { DetectSensitive } from '../../../src/core/privacyCheck';
import type { TriageRequest } from '../../../src/core/request';
import { FakeProvider, makeHarness, path } from './routingFakes';

const detectKey = (text: string) => (text.includes('AKIA') ? [{ rule: 'aws-access-key', kind: 'credential' as const }] : []);
const detectEmail = (text: string) => (text.includes('@example.com') ? [{ rule: 'email', kind: 'personal' as const }] : []);

function setup(local: 'ok' | 'down', sensitive: DetectSensitive = detectKey) {
  const paid = [
    new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'paid' } }),
    new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'paid' } }),
    new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': { text: 'paid' }, 'claude-opus-5-5': { text: 'paid' } }),
  ];
  const reply = local === 'ok' ? { text: 'local answer' } : { throws: new ProviderError('unavailable', 'ollama not running') };
  const ollama = new FakeProvider('ollama', true, { small: reply, fallback: reply });
  const h = makeHarness({ providers: [...paid, ollama], sensitive, classify: 'reasoning' });
  return { h, paid, ollama, paidCalls: () => paid.reduce((n, p) => n + p.calls.length, 0) };
}

describe('privacy rule', () => {
  const places: [string, Partial<TriageRequest>][] = [
    ['instruction', { instruction: 'use key AKIAABCDEF' }],
    ['selection', { selection: 'const k = "AKIAABCDEF";' }],
    ['conversation', { conversation: [{ role: 'user', content: 'my key is AKIAABCDEF' }] }],
    ['tool result', { parts: [{ type: 'tool-result', callId: 'c1', content: 'AWS_KEY=AKIAABCDEF' }] }],
    ['text part', { parts: [{ type: 'text', text: 'key AKIAABCDEF' }] }],
    ['earlier tool result', { conversation: [{ role: 'user', content: '', parts: [{ type: 'tool-result', callId: 'c1', content: 'AKIAABCDEF' }] }] }],
    ['earlier tool call', { conversation: [{ role: 'assistant', content: '', parts: [{ type: 'tool-call', callId: 'c1', name: 'put', input: { key: 'AKIAABCDEF' } }] }] }],
  ];
  for (const [where, request] of places) {
    it(`keeps a request with a credential in its ${where} on local models`, async () => {
      const { h, paidCalls } = setup('ok');
      const r = await h.route(request);
      assert.equal(r.outcome, 'ok');
      assert.equal(r.text, 'local answer');
      assert.equal(paidCalls(), 0);
      assert.equal(r.classification.source, 'privacy');
      assert.equal(r.classification.pool, 'local');
      assert.equal(h.classifyCalls.length, 0, 'the classifier is not needed');
      assert.equal(r.notices.find((n) => n.kind === 'privacy')?.message.includes('contains a credential'), true);
      assert.equal(h.ledger.records[0]?.sensitive, true);
    });
  }

  it('keeps an edit with a credential in the code around the cursor (no selection) off paid models', async () => {
    const { h, paidCalls } = setup('ok');
    const r = await h.route({ kind: 'edit', instruction: 'add a call here', aroundCursor: { before: 'const k = "AKIAABCDEF";\n', after: '' } });
    assert.equal(paidCalls(), 0);
    assert.equal(r.classification.source, 'privacy');
  });

  it('also covers personal identifiers', async () => {
    const { h, paidCalls } = setup('ok', detectEmail);
    const r = await h.route({ instruction: 'email bob@example.com' });
    assert.equal(paidCalls(), 0);
    assert.match(r.notices[0]?.message ?? '', /a personal identifier/);
  });

  it('fails clearly, and never falls back to a paid model, when no local model answers', async () => {
    const { h, paidCalls, ollama } = setup('down');
    const r = await h.route({ instruction: 'AKIAABCDEF' });
    assert.equal(r.outcome, 'failed');
    assert.equal(paidCalls(), 0);
    assert.deepEqual(path(r.attempts), ['ollama:small=unavailable', 'ollama:fallback=unavailable']);
    assert.equal(ollama.calls.length, 2);
    assert.match(r.failure ?? '', /only models on this machine may answer it, and none did/);
  });

  it('stays local when the user explicitly picks a paid pool, and says so', async () => {
    const { h, paidCalls } = setup('ok');
    const r = await h.route({ instruction: 'AKIAABCDEF', explicitPool: 'reasoning' });
    assert.equal(paidCalls(), 0);
    assert.equal(r.servedBy, 'ollama:small');
    assert.match(r.notices[0]?.message ?? '', /^You chose the reasoning pool, but this request contains a credential/);
  });

  it('says an earlier message is the reason, and how to leave, when only the history holds the secret', async () => {
    const { h, paidCalls } = setup('ok');
    const r = await h.route({
      instruction: 'and how do I rotate it?',
      explicitPool: 'reasoning',
      conversation: [
        { role: 'user', content: 'my key is AKIAABCDEF' },
        { role: 'assistant', content: 'ok' },
      ],
    });
    assert.equal(paidCalls(), 0);
    const message = r.notices[0]?.message ?? '';
    assert.match(message, /^You chose the reasoning pool, but an earlier message in this conversation contains a credential/);
    assert.match(message, /clear the conversation/);
    assert.match(message, /Send without history/);
    assert.equal(r.notices[0]?.action, 'send-without-history', 'the editor can offer the way out as a button');
    const own = await h.route({ instruction: 'AKIAABCDEF again', conversation: [{ role: 'user', content: 'hello' }] });
    assert.match(own.notices[0]?.message ?? '', /^This request contains a credential/, 'a secret in the new message is named as such');
    assert.equal(own.notices[0]?.action, undefined, 'leaving the history out would not help');
  });

  it('honours a classifier that itself marks the request sensitive', async () => {
    const deepseek = new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'paid' } });
    const h = makeHarness({
      providers: [deepseek, new FakeProvider('ollama', true, { small: { text: 'local' } })],
      pools: { quick: ['deepseek:deepseek-flash'], coding: [], reasoning: [] },
      classify: async () => ({ pool: 'quick', probabilities: { local: 0, quick: 1, coding: 0, reasoning: 0 }, confidence: 1, reason: 'r', source: 'ollama', sensitive: true }),
    });
    const r = await h.route({});
    assert.equal(r.servedBy, 'ollama:small');
    assert.equal(deepseek.calls.length, 0);
  });
});
