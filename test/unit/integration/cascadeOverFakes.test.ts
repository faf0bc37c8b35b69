// The cascade with the real SDK adapters against the protocol fakes: fallbacks, windows, keys, privacy, ledger.

import { strict as assert } from 'node:assert';
import { detectSensitive } from '../../../src/core/classifier/privacy';
import { RequestClassifier } from '../../../src/core/classifier/requestClassifier';
import { anthropicRateLimitHeaders, openAiRateLimitHeaders } from '../../fakes/script';
import { path } from '../core/routingFakes';
import { ManualTimers } from '../providers/manualTimers';
import { answer, worldPerTest } from './routingWorld';


describe('integration: cascade over the real adapters and protocol fakes', function () {
  this.timeout(20_000);
  const start = worldPerTest();

  it('serves a chat from an OpenAI-compatible provider, streams it, prices it and writes the ledger file', async () => {
    const w = await start({ fakes: { deepseek: { scripts: [answer(['Hel', 'lo'], { usageStyle: 'deepseek' })] } } });
    const r = await w.route({});
    assert.equal(r.outcome, 'ok');
    assert.equal(r.text, 'Hello');
    assert.equal(r.servedBy, 'deepseek:deepseek-flash');
    assert.equal(r.costMicros, 450);
    assert.equal(r.baselineMicros, 14_000);
    assert.deepEqual(w.events.filter((e) => e.type === 'delta').map((e) => (e.type === 'delta' ? e.text : '')), ['Hel', 'lo']);
    const read = await w.ledger.read();
    assert.equal(read.records.length, 1);
    assert.equal(read.records[0]?.costMicros, 450);
    assert.deepEqual(await w.ledger.spent(w.clock.now()), { dayMicros: 450, monthMicros: 450, demoDayMicros: 0, demoMonthMicros: 0 });
  });

  it('moves on from an Anthropic 429 and sends nothing to it inside its retry-after window', async () => {
    const w = await start({
      classify: 'coding',
      fakes: {
        anthropic: { scripts: [{ chunks: [], fault: { kind: 'rate-limit', hint: { kind: 'retry-after-seconds', seconds: 30 } } }, answer(['opus back'])] },
        openai: { respond: () => answer(['from sol']) },
      },
    });
    const first = await w.route({});
    assert.deepEqual(path(first.attempts), ['anthropic:claude-sonnet-5-5=rate-limit', 'openai:gpt-6-sol=ok']);
    const second = await w.route({});
    assert.deepEqual(path(second.attempts), ['anthropic:claude-sonnet-5-5=skipped-rate-limit', 'openai:gpt-6-sol=ok']);
    assert.equal(w.chats('anthropic'), 1, 'no call inside the window');
    w.clock.advance(30_000);
    const third = await w.route({});
    assert.equal(third.servedBy, 'anthropic:claude-sonnet-5-5');
    assert.equal(w.chats('anthropic'), 2);
  });

  it('stops calling an OpenAI model whose success reported no requests remaining, until the reset', async () => {
    const headers = openAiRateLimitHeaders({ limitRequests: 60, remainingRequests: 0, resetRequests: '20s', limitTokens: 1000, remainingTokens: 900, resetTokens: '1s' });
    const w = await start({
      fakes: {
        deepseek: { respond: () => answer(['flash'], { headers }) },
        openai: { respond: () => answer(['luna']) },
      },
    });
    await w.route({});
    const during = await w.route({});
    assert.deepEqual(path(during.attempts), ['deepseek:deepseek-flash=skipped-rate-limit', 'openai:gpt-6-luna=ok']);
    assert.equal(w.chats('deepseek'), 1);
    w.clock.advance(20_000);
    assert.equal((await w.route({})).servedBy, 'deepseek:deepseek-flash');
  });

  it('reads an exhausted Anthropic token window the same way', async () => {
    const reset = new Date(Date.parse('2026-11-22T12:00:15Z'));
    const headers = anthropicRateLimitHeaders({ tokens: { limit: 1000, remaining: 0, reset } });
    const w = await start({ classify: 'coding', fakes: { anthropic: { respond: () => answer(['a'], { headers }) }, openai: { respond: () => answer(['sol']) } } });
    await w.route({});
    const during = await w.route({});
    assert.deepEqual(path(during.attempts), ['anthropic:claude-sonnet-5-5=skipped-rate-limit', 'openai:gpt-6-sol=ok']);
    assert.equal(w.chats('anthropic'), 1);
    w.clock.advance(15_000);
    await w.route({});
    assert.equal(w.chats('anthropic'), 2);
  });

  it('skips a provider with no stored key without a request, and tells the user once', async () => {
    const w = await start({ classify: 'coding', noKey: ['anthropic'], fakes: { openai: { respond: () => answer(['sol']) } } });
    const first = await w.route({});
    const second = await w.route({});
    assert.deepEqual(path(first.attempts), ['anthropic:claude-sonnet-5-5=auth', 'openai:gpt-6-sol=ok']);
    assert.deepEqual(path(second.attempts), ['anthropic:claude-sonnet-5-5=skipped-auth', 'openai:gpt-6-sol=ok']);
    assert.equal(w.chats('anthropic'), 0);
    assert.equal([...first.notices, ...second.notices].filter((n) => n.kind === 'missing-key' && n.provider === 'anthropic').length, 1);
  });

  it('skips a provider whose key is rejected (401)', async () => {
    const w = await start({ fakes: { deepseek: { respond: () => ({ chunks: [], fault: { kind: 'unauthorized' } }) }, openai: { respond: () => answer(['luna']) } } });
    const first = await w.route({});
    await w.route({});
    assert.equal(first.attempts[0]?.outcome, 'auth');
    assert.equal(w.chats('deepseek'), 1);
  });

  const faults = [
    ['server-error', 'unavailable'],
    ['overloaded', 'overloaded'],
    ['unknown-model', 'not-found'],
    ['context-too-long', 'context-too-long'],
    ['truncated', 'malformed'],
  ] as const;
  for (const [fault, kind] of faults) {
    it(`falls back from ${fault} (${kind}) before any output`, async () => {
      const w = await start({
        fakes: { deepseek: { scripts: [{ chunks: ['```ts\n'], fault: { kind: fault } }] }, openai: { respond: () => answer(['```ts\nconst a = 1;\n```']) } },
      });
      const r = await w.route({ kind: 'edit', selection: 'let a = 1;', languageId: 'typescript', instruction: 'const' });
      assert.deepEqual(path(r.attempts), [`deepseek:deepseek-flash=${kind}`, 'openai:gpt-6-luna=ok']);
    });
  }

  it('fails visibly, with no fallback, when a chat stream drops after the first token', async () => {
    const w = await start({ fakes: { deepseek: { scripts: [{ chunks: ['Partial ', 'answer'], fault: { kind: 'drop-mid-stream', afterChunks: 1 } }] }, openai: { respond: () => answer(['luna']) } } });
    const r = await w.route({});
    assert.equal(r.outcome, 'failed');
    assert.equal(r.text, 'Partial ');
    assert.equal(w.chats('openai') + w.chats('ollama'), 0);
  });

  it('falls back from an edit whose stream breaks midway, and rejects replacement code that does not parse', async () => {
    const w = await start({
      fakes: {
        deepseek: { scripts: [{ chunks: ['```ts\n', 'const a'], fault: { kind: 'error-mid-stream', afterChunks: 1 } }] },
        openai: { respond: () => answer(['```ts\nconst a = (1;\n```']) },
        anthropic: { respond: () => answer(['```ts\nconst a = 1;\n```']) },
      },
    });
    const r = await w.route({ kind: 'edit', instruction: 'use const', selection: 'let a = 1;\n', languageId: 'typescript' });
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=unavailable', 'openai:gpt-6-luna=syntax-error', 'anthropic:claude-sonnet-5-5=ok']);
    assert.equal(r.answer?.kind === 'edit' && r.answer.replacement, 'const a = 1;\n');
    assert.equal(r.escalated, true);
  });

  it('keeps a request holding a credential on Ollama, whatever pool the user picks', async () => {
    const w = await start({
      sensitive: (text) => (text.includes('sk-live-') ? [{ rule: 'api-key', kind: 'credential' }] : []),
      fakes: { ollama: { respond: () => answer(['local answer']) } },
    });
    const r = await w.route({ instruction: 'why does sk-live-123456 fail?', explicitPool: 'reasoning' });
    assert.equal(r.text, 'local answer');
    assert.equal(r.servedBy, 'ollama:qwen2.5-coder:7b');
    assert.equal(r.costMicros, 0);
    assert.equal(w.chats('deepseek') + w.chats('openai') + w.chats('anthropic'), 0);
  });

  it('fails clearly, never reaching a paid provider, when Ollama cannot answer a sensitive request', async () => {
    const w = await start({
      sensitive: () => [{ rule: 'email', kind: 'personal' }],
      fakes: { ollama: { respond: () => ({ chunks: [], fault: { kind: 'server-error' } }) } },
    });
    const r = await w.route({});
    assert.equal(r.outcome, 'failed');
    assert.equal(w.chats('ollama'), 2);
    assert.equal(w.chats('deepseek') + w.chats('openai') + w.chats('anthropic'), 0);
    assert.match(r.failure ?? '', /only models on this machine/);
  });

  it('works with the real classifier and the real privacy detector', async () => {
    const classifier = new RequestClassifier();
    const w = await start({
      classifier: (request, signal) => classifier.classify(request, signal),
      sensitive: detectSensitive,
      fakes: { ollama: { respond: () => answer(['```ts\nconst bar = 1;\n```']) } },
    });
    const plain = await w.route({ kind: 'edit', instruction: 'rename foo to bar', selection: 'const foo = 1;', languageId: 'typescript' });
    assert.equal(plain.classification.source, 'embedded');
    assert.equal(plain.classification.pool, 'local');
    assert.equal(plain.servedBy, 'ollama:qwen2.5-coder:7b');
    const secret = await w.route({ kind: 'chat', instruction: 'why is this rejected?', selection: 'const token = "ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5z";', explicitPool: 'coding' });
    assert.equal(secret.classification.source, 'privacy');
    assert.equal(secret.servedBy, 'ollama:qwen2.5-coder:7b');
    assert.equal(w.chats('deepseek') + w.chats('openai') + w.chats('anthropic'), 0);
    const lines = (await w.ledger.read()).records.map((r) => JSON.stringify(r)).join('\n');
    assert.equal(lines.includes('ghp_'), false, 'the secret never reaches the ledger');
  });

  it('parses a structured review from Anthropic', async () => {
    const json = JSON.stringify({ findings: [{ line: 1, severity: 'error', message: 'off by one', fix: null }], summary: 'one bug' });
    const w = await start({ classify: 'coding', fakes: { anthropic: { respond: () => answer([json.slice(0, 20), json.slice(20)]) } } });
    const r = await w.route({ kind: 'review', instruction: 'review', selection: 'for (i = 0; i <= n; i++)', languageId: 'javascript' });
    assert.deepEqual(r.answer?.kind === 'review' && r.answer.review, { findings: [{ line: 1, severity: 'error', message: 'off by one' }], summary: 'one bug' });
  });

  it('stops on cancel mid-stream without falling back', async () => {
    const w = await start({ fakes: { deepseek: { scripts: [{ chunks: ['one', 'two'], fault: { kind: 'stall', afterChunks: 1 } }] }, openai: { respond: () => answer(['luna']) } } });
    const controller = new AbortController();
    const pending = w.route({}, controller.signal);
    await w.fakes.deepseek.request(0);
    while (!w.events.some((e) => e.type === 'delta')) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const r = await pending;
    assert.equal(r.outcome, 'cancelled');
    assert.equal(w.chats('openai'), 0);
  });

  it('times out a provider that never answers and moves on', async () => {
    const timers = new ManualTimers();
    const w = await start({ timeoutMs: 4000, schedule: timers.schedule, fakes: { deepseek: { scripts: [{ chunks: [], fault: { kind: 'hang' } }] }, openai: { respond: () => answer(['luna']) } } });
    const pending = w.route({});
    await w.fakes.deepseek.request(0);
    timers.fire(4000);
    const r = await pending;
    assert.deepEqual(path(r.attempts), ['deepseek:deepseek-flash=timeout', 'openai:gpt-6-luna=ok']);
  });
});
