// The Ollama mode: answers within the schema are used; unreachable, slow or off-schema answers fall back (logged once).

import * as assert from 'node:assert/strict';
import { OLLAMA_SYSTEM_PROMPT, POOL_SCHEMA, type ScheduleTimeout } from '../../../src/core/classifier/ollamaClassifier';
import { RequestClassifier, type ClassifierMode } from '../../../src/core/classifier/requestClassifier';
import type { ChatCall, ChatEvent, ChatProvider, Logger } from '../../../src/core/ports';
import { ProviderError } from '../../../src/core/providerError';
import type { TriageRequest } from '../../../src/core/request';
import { startOllamaFake } from '../../fakes/ollamaFake';
import { providerFor } from '../providers/harness';

const DONE: ChatEvent = { type: 'done', usage: { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1 }, servedModel: 'qwen2.5:1.5b', finishReason: 'stop' };

/** A ChatProvider whose behaviour is a function of the call. */
function fakeProvider(behaviour: (call: ChatCall) => AsyncIterable<ChatEvent>): ChatProvider & { calls: ChatCall[] } {
  const calls: ChatCall[] = [];
  return {
    id: 'ollama',
    isLocal: true,
    calls,
    streamChat(call) {
      calls.push(call);
      return behaviour(call);
    },
  };
}

async function* answer(text: string): AsyncIterable<ChatEvent> {
  yield { type: 'delta', text };
  yield DONE;
}

async function* fail(kind: 'unavailable' | 'timeout'): AsyncIterable<ChatEvent> {
  yield* [];
  throw new ProviderError(kind, `ollama ${kind}`);
}

/** Waits until the call's signal aborts, then throws like an adapter would. */
function hangUntilAborted(call: ChatCall): AsyncIterable<ChatEvent> {
  return {
    async *[Symbol.asyncIterator]() {
      if (!call.signal.aborted) await new Promise<void>((resolve) => call.signal.addEventListener('abort', () => resolve(), { once: true }));
      throw new ProviderError('cancelled', 'aborted');
    },
  };
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, warn: (m) => warnings.push(m), error() {} };
}

/** Fires the timeout as soon as it is scheduled: no sleeping. */
const immediateTimeout: ScheduleTimeout = (_ms, onTimeout) => {
  queueMicrotask(onTimeout);
  return () => {};
};

const request: TriageRequest = { kind: 'chat', instruction: 'Write a function that merges two sorted lists.' };

function classifier(provider: ChatProvider, mode: ClassifierMode, extra: { logger?: Logger; scheduleTimeout?: ScheduleTimeout; autoThreshold?: number } = {}): RequestClassifier {
  return new RequestClassifier({
    mode,
    ollama: { provider, ...(extra.scheduleTimeout ? { scheduleTimeout: extra.scheduleTimeout } : {}) },
    ...(extra.logger ? { logger: extra.logger } : {}),
    ...(extra.autoThreshold !== undefined ? { autoThreshold: extra.autoThreshold } : {}),
  });
}

describe('Ollama classifier mode', () => {
  const signal = new AbortController().signal;

  it('asks with the schema, temperature 0, few tokens and a timeout, and uses the answer', async () => {
    const provider = fakeProvider(() => answer('{"pool":"reasoning"}'));
    const c = await classifier(provider, 'ollama').classify(request, signal);
    assert.equal(c.source, 'ollama');
    assert.equal(c.pool, 'reasoning');
    const call = provider.calls[0] as ChatCall;
    assert.equal(call.model, 'qwen2.5:1.5b');
    assert.equal(call.temperature, 0);
    assert.ok(call.maxOutputTokens <= 32);
    assert.deepEqual(call.jsonSchema, POOL_SCHEMA);
    assert.equal(call.timeoutMs, 1500);
    assert.equal(call.system, OLLAMA_SYSTEM_PROMPT);
    assert.ok(Math.abs(Object.values(c.probabilities).reduce((a, b) => a + b, 0) - 1) < 1e-9);
  });

  it('falls back to the embedded answer when Ollama is unreachable, and logs it once', async () => {
    const logger = recordingLogger();
    const rc = classifier(fakeProvider(() => fail('unavailable')), 'ollama', { logger });
    const embedded = rc.classifyEmbedded(request);
    for (let i = 0; i < 3; i++) {
      const c = await rc.classify(request, signal);
      assert.equal(c.source, 'embedded');
      assert.equal(c.pool, embedded.pool);
    }
    assert.equal(logger.warnings.length, 1);
    assert.match(logger.warnings[0] as string, /unreachable/);
  });

  it('falls back when Ollama is too slow (timeout aborts the call)', async () => {
    const logger = recordingLogger();
    const provider = fakeProvider(hangUntilAborted);
    const c = await classifier(provider, 'ollama', { logger, scheduleTimeout: immediateTimeout }).classify(request, signal);
    assert.equal(c.source, 'embedded');
    assert.equal((provider.calls[0] as ChatCall).signal.aborted, true);
    assert.match(logger.warnings[0] as string, /timeout/);
  });

  it('falls back when the adapter reports a timeout', async () => {
    const c = await classifier(fakeProvider(() => fail('timeout')), 'ollama').classify(request, signal);
    assert.equal(c.source, 'embedded');
  });

  it('falls back on answers outside the schema', async () => {
    const logger = recordingLogger();
    const rc = classifier(fakeProvider(() => answer('{"pool":"expensive"}')), 'ollama', { logger });
    assert.equal((await rc.classify(request, signal)).source, 'embedded');
    const notJson = classifier(fakeProvider(() => answer('coding')), 'ollama');
    assert.equal((await notJson.classify(request, signal)).source, 'embedded');
    assert.match(logger.warnings[0] as string, /invalid-answer/);
  });

  it('auto mode asks only when the embedded classifier is unsure', async () => {
    const provider = fakeProvider(() => answer('{"pool":"quick"}'));
    const sure = await classifier(provider, 'auto', { autoThreshold: 0 }).classify(request, signal);
    assert.equal(sure.source, 'embedded');
    assert.equal(provider.calls.length, 0);
    const unsure = await classifier(provider, 'auto', { autoThreshold: 1.01 }).classify(request, signal);
    assert.equal(unsure.source, 'ollama');
    assert.equal(provider.calls.length, 1);
  });

  it('never asks Ollama about sensitive or user-chosen requests', async () => {
    const provider = fakeProvider(() => answer('{"pool":"reasoning"}'));
    const rc = classifier(provider, 'ollama');
    const secret = await rc.classify({ kind: 'chat', instruction: 'why 401? DB_PASSWORD="Zq8!xw2Lp0"' }, signal);
    assert.deepEqual([secret.pool, secret.source, secret.sensitive], ['local', 'privacy', true]);
    const chosen = await rc.classify({ ...request, explicitPool: 'coding' }, signal);
    assert.deepEqual([chosen.pool, chosen.source], ['coding', 'user']);
    assert.equal(provider.calls.length, 0);
  });

  it('turns a user cancel into a cancelled error, not a fallback', async () => {
    const controller = new AbortController();
    const provider = fakeProvider((call) => {
      controller.abort();
      return hangUntilAborted(call);
    });
    await assert.rejects(classifier(provider, 'ollama').classify(request, controller.signal), (e: unknown) => e instanceof ProviderError && e.kind === 'cancelled');
  });

  it('works through the real Ollama adapter against the protocol fake', async () => {
    const fake = await startOllamaFake({ scripts: [{ chunks: ['{"pool":', '"coding"}'] }, { chunks: ['{"pool": "fast"}'] }] });
    try {
      const logger = recordingLogger();
      const rc = classifier(providerFor('ollama', fake), 'ollama', { logger });
      const good = await rc.classify(request, signal);
      assert.deepEqual([good.source, good.pool], ['ollama', 'coding']);
      const body = fake.requests[0]?.body as { format?: unknown; options?: { temperature?: number } };
      assert.deepEqual(body.format, POOL_SCHEMA);
      assert.equal(body.options?.temperature, 0);
      const bad = await rc.classify(request, signal);
      assert.equal(bad.source, 'embedded');
      assert.equal(logger.warnings.length, 1);
    } finally {
      await fake.close();
    }
  });
});
