// Each real SDK against its fake on the happy paths: deltas, done, usage, finish, rate limits, request shape.

import { strict as assert } from 'node:assert';
import type { FinishReason, RateLimitSnapshot, TokenUsage } from '../../../src/core/ports';
import { createProvider, type ProviderKind } from '../../../src/providers/createProvider';
import type { FakeServer } from '../../fakes/httpFake';
import { anthropicRateLimitHeaders, openAiRateLimitHeaders, type Script } from '../../fakes/script';
import { chatCall, collect, NOW, providerFor, SUBJECTS, TEST_KEY, type Subject } from './harness';

/** Runs one script against a fresh fake of `subject` and returns the outcome and the recorded request. */
async function runScript(subject: Subject, script: Script, callOverrides = {}, keyOption: { key?: string } = {}) {
  const fake: FakeServer = await subject.start({ scripts: [script] });
  try {
    const outcome = await collect(providerFor(subject.kind, fake, keyOption), chatCall(callOverrides));
    return { outcome, request: await fake.request(0) };
  } finally {
    await fake.close();
  }
}

const USAGE = { inputTokens: 12, outputTokens: 6 };

describe('providers: successful streams', () => {
  for (const subject of SUBJECTS) {
    describe(subject.kind, () => {
      it('yields deltas in order, then exactly one done with usage, served model and finish', async () => {
        const { outcome } = await runScript(subject, {
          chunks: ['Hel', 'lo', ', world'],
          usage: USAGE,
          servedModel: 'm-1-2026-11-01',
        });
        assert.equal(outcome.error, undefined);
        assert.deepEqual(outcome.deltas, ['Hel', 'lo', ', world']);
        assert.equal(outcome.done.length, 1);
        const done = outcome.done[0];
        assert.deepEqual(done?.usage, { inputTokens: 12, cachedInputTokens: 0, outputTokens: 6 });
        assert.equal(done?.servedModel, 'm-1-2026-11-01');
        assert.equal(done?.finishReason, 'stop');
      });

      it('reports finish `length` when the token limit cut the answer', async () => {
        const { outcome } = await runScript(subject, { chunks: ['a'], usage: USAGE, finish: 'length' });
        assert.equal(outcome.done[0]?.finishReason, 'length');
      });

      it('handles an empty answer: no deltas, one done', async () => {
        const { outcome } = await runScript(subject, { chunks: [], usage: { inputTokens: 3, outputTokens: 0 } });
        assert.deepEqual(outcome.deltas, []);
        assert.equal(outcome.done.length, 1);
        assert.equal(outcome.done[0]?.finishReason, 'stop');
        assert.equal(outcome.done[0]?.usage.inputTokens, 3);
      });

      it('lists models', async () => {
        const fake = await subject.start({ models: ['alpha', 'beta:7b'] });
        try {
          const models = await providerFor(subject.kind, fake).listModels?.(new AbortController().signal);
          assert.deepEqual(models, ['alpha', 'beta:7b']);
        } finally {
          await fake.close();
        }
      });
    });
  }

  const refusalCases: { kind: ProviderKind; finish: Script['finish']; expected: FinishReason; deltas: string[] }[] = [
    // OpenAI's refusal text arrives in delta.refusal: not answer text, so no deltas.
    { kind: 'openai', finish: 'refusal', expected: 'refusal', deltas: [] },
    { kind: 'openai', finish: 'content-filter', expected: 'content-filter', deltas: ['I can'] },
    { kind: 'anthropic', finish: 'refusal', expected: 'refusal', deltas: ['I can'] },
  ];
  for (const { kind, finish, expected, deltas } of refusalCases) {
    it(`${kind}: finish ${finish} → ${expected}`, async () => {
      const subject = SUBJECTS.find((s) => s.kind === kind) as Subject;
      const { outcome } = await runScript(subject, { chunks: ['I can'], usage: USAGE, finish });
      assert.equal(outcome.done[0]?.finishReason, expected);
      assert.deepEqual(outcome.deltas, deltas);
    });
  }

  const usageCases: { name: string; kind: ProviderKind; script: Script; expected: TokenUsage }[] = [
    {
      name: 'openai: cached tokens are split out of prompt_tokens',
      kind: 'openai',
      script: { chunks: ['x'], usage: { inputTokens: 10, cachedInputTokens: 4, outputTokens: 2 } },
      expected: { inputTokens: 10, cachedInputTokens: 4, outputTokens: 2 },
    },
    {
      name: 'openai-compatible: DeepSeek prompt_cache_hit/miss_tokens',
      kind: 'openai',
      script: { chunks: ['x'], usage: { inputTokens: 10, cachedInputTokens: 90, outputTokens: 2 }, usageStyle: 'deepseek' },
      expected: { inputTokens: 10, cachedInputTokens: 90, outputTokens: 2 },
    },
    {
      name: 'anthropic: cache reads apart, message_delta totals overwrite (not add)',
      kind: 'anthropic',
      script: { chunks: ['x'], usage: { inputTokens: 12, cachedInputTokens: 5, outputTokens: 6 } },
      expected: { inputTokens: 12, cachedInputTokens: 5, outputTokens: 6 },
    },
    {
      name: 'ollama: prompt_eval_count and eval_count',
      kind: 'ollama',
      script: { chunks: ['x'], usage: { inputTokens: 26, outputTokens: 282 } },
      expected: { inputTokens: 26, cachedInputTokens: 0, outputTokens: 282 },
    },
  ];
  for (const { name, kind, script, expected } of usageCases) {
    it(name, async () => {
      const { outcome } = await runScript(SUBJECTS.find((s) => s.kind === kind) as Subject, script);
      assert.deepEqual(outcome.done[0]?.usage, expected);
    });
  }

  const rateLimitCases: { kind: ProviderKind; headers: Record<string, string>; expected: RateLimitSnapshot | undefined }[] = [
    {
      kind: 'openai',
      headers: openAiRateLimitHeaders({
        limitRequests: 60,
        remainingRequests: 59,
        resetRequests: '1s',
        limitTokens: 150000,
        remainingTokens: 149984,
        resetTokens: '6m0s',
      }),
      // Requests have the least headroom (59/60 < 149984/150000), so their reset counts.
      expected: { requestsRemaining: 59, tokensRemaining: 149984, resetInMs: 1000 },
    },
    {
      kind: 'anthropic',
      headers: anthropicRateLimitHeaders({
        requests: { limit: 50, remaining: 10, reset: new Date(NOW + 20_000) },
        'input-tokens': { limit: 1000, remaining: 900, reset: new Date(NOW + 5_000) },
        'output-tokens': { limit: 500, remaining: 400, reset: new Date(NOW + 3_000) },
      }),
      expected: { requestsRemaining: 10, tokensRemaining: 400, resetInMs: 20_000 },
    },
    { kind: 'ollama', headers: {}, expected: undefined },
  ];
  for (const { kind, headers, expected } of rateLimitCases) {
    it(`${kind}: reports the rate-limit snapshot of a successful response`, async () => {
      const { outcome } = await runScript(SUBJECTS.find((s) => s.kind === kind) as Subject, { chunks: ['x'], usage: USAGE, headers });
      assert.deepEqual(outcome.done[0]?.rateLimit, expected);
    });
  }
});

describe('providers: what goes on the wire', () => {
  const schema = { type: 'object', properties: { pool: { type: 'string' } }, required: ['pool'], additionalProperties: false };
  const call = { system: 'Be brief.', temperature: 0, jsonSchema: schema };

  it('ollama: keep_alive, num_predict, num_ctx, temperature, format, system message; no auth without a key', async () => {
    const { request } = await runScript(SUBJECTS[0] as Subject, { chunks: ['{}'], usage: USAGE }, call, { key: undefined });
    const body = request.body as Record<string, unknown>;
    assert.equal(request.path, '/api/chat');
    assert.equal(body.keep_alive, '30m');
    assert.equal(body.stream, true);
    // A short prompt with no known window gets the smallest context Triage sends (ollamaContext.ts).
    assert.deepEqual(body.options, { num_predict: 64, num_ctx: 8192, temperature: 0 });
    assert.deepEqual(body.format, schema);
    assert.deepEqual(request.chat?.system, 'Be brief.');
    assert.equal(request.hasAuth, false);
  });

  it('openai: include_usage, max_completion_tokens, json_schema response_format, bearer key never recorded', async () => {
    const { request } = await runScript(SUBJECTS[1] as Subject, { chunks: ['{}'], usage: USAGE }, call);
    const body = request.body as Record<string, unknown>;
    assert.equal(request.path, '/v1/chat/completions');
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.max_completion_tokens, 64);
    assert.equal(body.temperature, 0);
    assert.deepEqual(body.response_format, { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } });
    assert.deepEqual((body.messages as unknown[])[0], { role: 'system', content: 'Be brief.' });
    assert.equal(request.hasAuth, true);
    assert.equal(request.headers['x-stainless-retry-count'], '0');
    assert.ok(!JSON.stringify(request).includes(TEST_KEY));
  });

  it('anthropic: max_tokens and system; temperature never sent; structured output format', async () => {
    const { outcome, request } = await runScript(SUBJECTS[2] as Subject, { chunks: ['{}'], usage: USAGE }, call);
    const body = request.body as Record<string, unknown>;
    assert.equal(outcome.error, undefined);
    assert.equal(request.path, '/v1/messages');
    assert.equal(body.max_tokens, 64);
    assert.equal(body.system, 'Be brief.');
    assert.equal('temperature' in body, false);
    assert.deepEqual(body.output_config, { format: { type: 'json_schema', schema } });
    assert.equal('cache_control' in body, false, 'a one-off call asks for no prompt cache');
    assert.equal(request.hasAuth, true);
    assert.ok(!JSON.stringify(request).includes(TEST_KEY));
  });

  it('anthropic: a chat turn asks for automatic prompt caching; the cache write is reported apart', async () => {
    const script: Script = { chunks: ['ok'], usage: { inputTokens: 30, cacheWriteTokens: 1_500, outputTokens: 20 } };
    const { outcome, request } = await runScript(SUBJECTS[2] as Subject, script, { ...call, cachePrompt: true });
    assert.equal(outcome.error, undefined);
    assert.deepEqual((request.body as Record<string, unknown>).cache_control, { type: 'ephemeral' });
    assert.deepEqual(outcome.done[0]?.usage, { inputTokens: 1_530, cachedInputTokens: 0, outputTokens: 20, cacheWriteInputTokens: 1_500 });
  });

  it('sends the thinking switch only when configured: DeepSeek\'s `thinking` (OpenAI format), Ollama\'s `think`', async () => {
    const openai = SUBJECTS.find((s) => s.kind === 'openai') as Subject;
    const ollama = SUBJECTS.find((s) => s.kind === 'ollama') as Subject;
    const off = await runScript(openai, { chunks: ['x'], usage: USAGE }, { thinking: 'off' });
    assert.deepEqual((off.request.body as Record<string, unknown>).thinking, { type: 'disabled' });
    const on = await runScript(ollama, { chunks: ['x'], usage: USAGE }, { thinking: 'on' });
    assert.equal((on.request.body as Record<string, unknown>).think, true);
    for (const subject of [openai, ollama]) {
      const plain = await runScript(subject, { chunks: ['x'], usage: USAGE }, {});
      const body = plain.request.body as Record<string, unknown>;
      assert.ok(!('thinking' in body) && !('think' in body), `${subject.kind}: nothing sent when unset`);
    }
  });

  it('ollama: sends the configured keep_alive', async () => {
    const fake = await (SUBJECTS[0] as Subject).start({ scripts: [{ chunks: ['x'], usage: USAGE }] });
    try {
      const provider = createProvider(
        { id: 'o', kind: 'ollama', baseUrl: fake.baseUrl, timeoutMs: 5000, keepAlive: '5m' },
        { getApiKey: async () => undefined },
      );
      await collect(provider, chatCall());
      assert.equal((fake.requests[0]?.body as Record<string, unknown>).keep_alive, '5m');
    } finally {
      await fake.close();
    }
  });
});
