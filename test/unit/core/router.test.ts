// The router end to end over fakes: classification sources, the ledger record it writes, costs, notices.

import { strict as assert } from 'node:assert';
import { ProviderError } from '../../../src/core/providerError';
import { defaultRequestId } from '../../../src/core/router';
import { FakeProvider, MemoryLedger, makeHarness } from './routingFakes';

function providers() {
  return [
    new FakeProvider('deepseek', false, { 'deepseek-flash': { throws: new ProviderError('timeout', 't') } }),
    new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'luna answer', usage: { inputTokens: 800, cachedInputTokens: 200, outputTokens: 500 } } }),
    new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': { text: 'sonnet answer' } }),
    new FakeProvider('ollama', true, { small: { text: 'local' }, fallback: { text: 'fb' } }),
  ];
}

describe('router', () => {
  it('writes one ledger record with the path, tokens, cost and baseline, and no prompt text', async () => {
    const h = makeHarness({ providers: providers() });
    const secretish = 'RENAME_THE_WIDGET_FACTORY';
    const r = await h.route({ kind: 'chat', instruction: `please ${secretish}`, selection: 'SELECTED_CODE_TEXT', languageId: 'typescript' });
    assert.equal(h.ledger.records.length, 1);
    const record = h.ledger.records[0];
    assert.ok(record);
    const line = JSON.stringify(record);
    assert.equal(line.includes(secretish), false);
    assert.equal(line.includes('SELECTED_CODE_TEXT'), false);
    assert.equal(line.includes('luna answer'), false);
    assert.equal(record.v, 1);
    assert.equal(record.time, '2026-11-22T12:00:00.000Z');
    assert.equal(record.kind, 'chat');
    assert.deepEqual(record.classifier, { mode: 'embedded', source: 'embedded' });
    assert.equal(record.pool, 'quick');
    assert.equal(record.confidence, 0.9);
    assert.deepEqual(record.attempts.map((a) => [a.model, a.outcome, a.costMicros]), [['deepseek:deepseek-flash', 'timeout', 0], ['openai:gpt-6-luna', 'ok', 332]]);
    assert.equal(record.outcome, 'ok');
    assert.equal(record.escalated, false);
    assert.equal(record.budgetDowngraded, false);
    assert.equal(record.sensitive, false);
    assert.equal('demo' in record || 'retry' in record, false, 'a real first ask carries neither mark');
    assert.equal(r.latencyMs, record.latencyMs);
  });

  it('gives each request an id, in its result and its ledger record, for quality signals to point at', async () => {
    const h = makeHarness({ providers: providers() });
    const a = await h.route({ kind: 'chat', instruction: 'what is a monad' });
    const b = await h.route({ kind: 'chat', instruction: 'what is a functor' });
    assert.match(a.requestId ?? '', /^[a-z0-9]+-[a-z0-9]{8}$/);
    assert.notEqual(a.requestId, b.requestId);
    assert.deepEqual(h.ledger.records.map((r) => r.id), [a.requestId, b.requestId]);
    assert.equal(defaultRequestId(36 ** 3, () => 0.5), '1000-iiiiiiii');
  });

  it('marks a record made in demo mode, and a retry the user asked a stronger model for', async () => {
    const demo = makeHarness({ providers: providers(), demo: true });
    await demo.route({ kind: 'chat', instruction: 'what is a monad' });
    assert.equal(demo.ledger.records[0]?.demo, true);
    const real = makeHarness({ providers: providers() });
    await real.route({ kind: 'chat', instruction: 'what is a monad', explicitPool: 'coding', avoidModels: ['openai:gpt-6-luna'] });
    assert.equal(real.ledger.records[0]?.retry, 'stronger');
    assert.equal(real.ledger.records[0]?.demo, undefined);
  });

  it('sums cost over attempts, prices cached tokens, and measures the baseline on the serving tokens', async () => {
    const h = makeHarness({ providers: providers() });
    const r = await h.route({ kind: 'chat' });
    // gpt-6-luna: 800 × $0.10 + 200 × $0.01 + 500 × $0.50 per 1M = 80 + 2 + 250 µ$.
    assert.equal(r.costMicros, 332);
    // claude-opus-5-5: 800 × $4 + 200 × $0.20 + 500 × $20 per 1M = 3200 + 40 + 10000 µ$.
    assert.equal(r.baselineMicros, 13_240);
    assert.deepEqual(r.usage, { inputTokens: 800, cachedInputTokens: 200, outputTokens: 500 });
    const record = h.ledger.records[0];
    assert.equal(record?.costMicros, 332);
    assert.equal(record?.baselineMicros, 13_240);
    assert.equal(record?.baselineModel, 'anthropic:claude-opus-5-5');
    assert.equal(record?.servedBy, 'openai:gpt-6-luna');
    assert.equal(record?.servedPool, 'quick');
  });

  it('uses the explicit pool without asking the classifier', async () => {
    const h = makeHarness({ providers: providers() });
    const r = await h.route({ explicitPool: 'coding' });
    assert.equal(h.classifyCalls.length, 0);
    assert.equal(r.classification.source, 'user');
    assert.equal(r.servedBy, 'anthropic:claude-sonnet-5-5');
    assert.equal(r.costMicros, 7_000);
  });

  it('routes a follow-up no lower than the pool that answered the turn before, and says why', async () => {
    const h = makeHarness({ providers: providers(), classify: 'quick' });
    const followUp = await h.route({ instruction: 'why?', followsPool: 'coding' });
    assert.equal(followUp.classification.pool, 'coding');
    assert.match(followUp.classification.reason, /follow-up of a coding answer → coding$/);
    assert.equal(followUp.servedBy, 'anthropic:claude-sonnet-5-5');
    // Above the followed pool it stays where the classifier put it; the user's own choice still wins.
    assert.equal((await h.route({ followsPool: 'local' })).classification.pool, 'quick');
    assert.equal((await h.route({ followsPool: 'coding', explicitPool: 'quick' })).classification.pool, 'quick');
    const failing = makeHarness({ providers: providers(), classify: async () => Promise.reject(new Error('down')) });
    assert.equal((await failing.route({ followsPool: 'reasoning' })).classification.pool, 'reasoning', 'also when the classifier fails');
  });

  it('falls back to the coding pool and says so when the classifier throws', async () => {
    const h = makeHarness({ providers: providers(), classify: async () => Promise.reject(new Error('model missing')) });
    const r = await h.route({});
    assert.equal(r.classification.pool, 'coding');
    assert.equal(r.classification.confidence, 0);
    assert.equal(r.notices[0]?.kind, 'classifier-failed');
    assert.equal(r.outcome, 'ok');
  });

  it('reports an unpriced paid model once, records it as unpriced, never as free', async () => {
    const openai = new FakeProvider('openai', false, { 'gpt-mystery': { text: 'x' } });
    const h = makeHarness({ providers: [openai, new FakeProvider('ollama', true, {})], pools: { quick: ['openai:gpt-mystery'], coding: [], reasoning: [] } });
    const first = await h.route({});
    const second = await h.route({});
    assert.equal(first.unpriced, true);
    assert.equal(first.attempts[0]?.unpriced, true);
    assert.equal(h.ledger.records[0]?.unpriced, true);
    assert.equal([...first.notices, ...second.notices].filter((n) => n.kind === 'unpriced').length, 1);
  });

  it('prices settings overrides instead of reporting unpriced', async () => {
    const openai = new FakeProvider('openai', false, { 'gpt-mystery': { text: 'x' } });
    const h = makeHarness({
      providers: [openai, new FakeProvider('ollama', true, {})],
      pools: { quick: ['openai:gpt-mystery'], coding: [], reasoning: [] },
      prices: { 'openai:gpt-mystery': { input: 1, output: 2 } },
    });
    const r = await h.route({});
    assert.equal(r.unpriced, false);
    assert.equal(r.costMicros, 1000 + 1000);
  });

  it('still answers, with a notice, when the ledger cannot be written', async () => {
    const ledger = new MemoryLedger();
    ledger.append = async () => Promise.reject(new Error('EACCES'));
    const h = makeHarness({ providers: providers(), ledger });
    const r = await h.route({});
    assert.equal(r.outcome, 'ok');
    assert.equal(r.notices.some((n) => n.kind === 'ledger-failed'), true);
  });

  it('survives an event handler that throws', async () => {
    const h = makeHarness({ providers: providers() });
    const r = await h.router.route({ kind: 'chat', instruction: 'x' }, { signal: new AbortController().signal, onEvent: () => { throw new Error('ui bug'); } });
    assert.equal(r.outcome, 'ok');
  });

});
