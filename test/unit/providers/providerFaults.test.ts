// Table: every scripted fault × every provider → the normalised ProviderError kind and retry hint.

import { strict as assert } from 'node:assert';
import type { ProviderErrorKind } from '../../../src/core/providerError';
import type { ProviderKind } from '../../../src/providers/createProvider';
import { anthropicRateLimitHeaders, openAiRateLimitHeaders, type Fault } from '../../fakes/script';
import { chatCall, collect, NOW, providerFor, SUBJECTS, TEST_KEY } from './harness';

type PerProvider<T> = T | Readonly<Record<ProviderKind, T>>;

interface FaultCase {
  readonly name: string;
  readonly fault: Fault;
  readonly kind: PerProvider<ProviderErrorKind>;
  readonly retryAfterMs?: PerProvider<number | undefined>;
  /** Deltas that must arrive before the failure. */
  readonly deltas?: readonly string[];
  readonly headers?: (provider: ProviderKind) => Record<string, string>;
}

function pick<T>(value: PerProvider<T>, provider: ProviderKind): T {
  return typeof value === 'object' && value !== null && 'openai' in value ? (value as Record<ProviderKind, T>)[provider] : (value as T);
}

/** An exhausted window in each protocol's own headers (Ollama gets the OpenAI style, which the parser reads too). */
function exhaustedWindowHeaders(provider: ProviderKind): Record<string, string> {
  if (provider === 'anthropic') {
    return anthropicRateLimitHeaders({
      requests: { limit: 50, remaining: 0, reset: new Date(NOW + 20_000) },
      tokens: { limit: 80_000, remaining: 60_000, reset: new Date(NOW + 4_000) },
    });
  }
  return openAiRateLimitHeaders({
    limitRequests: 60,
    remainingRequests: 0,
    resetRequests: '6m0s',
    limitTokens: 150_000,
    remainingTokens: 149_000,
    resetTokens: '12ms',
  });
}

const CASES: readonly FaultCase[] = [
  { name: '429 retry-after-ms', fault: { kind: 'rate-limit', hint: { kind: 'retry-after-ms', ms: 1500 } }, kind: 'rate-limit', retryAfterMs: 1500 },
  { name: '429 retry-after seconds', fault: { kind: 'rate-limit', hint: { kind: 'retry-after-seconds', seconds: 7 } }, kind: 'rate-limit', retryAfterMs: 7000 },
  {
    name: '429 retry-after HTTP date',
    fault: { kind: 'rate-limit', hint: { kind: 'retry-after-date', date: new Date(NOW + 30_000) } },
    kind: 'rate-limit',
    retryAfterMs: 31_000, // the named second may end its window anywhere inside it: wait for it to pass
  },
  {
    name: '429 with only reset headers',
    fault: { kind: 'rate-limit', hint: { kind: 'reset-headers' } },
    headers: exhaustedWindowHeaders,
    kind: 'rate-limit',
    retryAfterMs: { ollama: 360_000, openai: 360_000, anthropic: 20_000 },
  },
  { name: '429 without a hint', fault: { kind: 'rate-limit', hint: { kind: 'none' } }, kind: 'rate-limit', retryAfterMs: undefined },
  { name: '401 bad key', fault: { kind: 'unauthorized' }, kind: 'auth' },
  { name: '402 billing', fault: { kind: 'billing' }, kind: 'auth' },
  { name: '404 unknown model', fault: { kind: 'unknown-model' }, kind: 'not-found' },
  // Only OpenAI marks this with a structured code; Anthropic and Ollama say it in text, which we never read.
  {
    name: '400 context too long',
    fault: { kind: 'context-too-long' },
    kind: { ollama: 'bad-request', openai: 'context-too-long', anthropic: 'bad-request' },
  },
  { name: '413 request too large', fault: { kind: 'request-too-large' }, kind: 'context-too-long' },
  { name: '400 bad request', fault: { kind: 'bad-request' }, kind: 'bad-request' },
  { name: '500 server error', fault: { kind: 'server-error' }, kind: 'unavailable' },
  { name: '503 unavailable', fault: { kind: 'service-unavailable' }, kind: 'overloaded' },
  { name: '529 overloaded', fault: { kind: 'overloaded' }, kind: 'overloaded' },
  { name: '504 gateway timeout', fault: { kind: 'gateway-timeout' }, kind: 'timeout' },
  { name: 'socket dropped mid-stream', fault: { kind: 'drop-mid-stream', afterChunks: 1 }, kind: 'unavailable', deltas: ['a'] },
  {
    name: 'error event mid-stream (protocol default)',
    fault: { kind: 'error-mid-stream', afterChunks: 1 },
    kind: { ollama: 'unavailable', openai: 'unavailable', anthropic: 'overloaded' },
    deltas: ['a'],
  },
  {
    name: 'error event mid-stream typed overloaded_error',
    fault: { kind: 'error-mid-stream', afterChunks: 1, errorType: 'overloaded_error' },
    kind: { ollama: 'unavailable', openai: 'overloaded', anthropic: 'overloaded' },
    deltas: ['a'],
  },
  {
    name: 'error event mid-stream typed rate_limit_error',
    fault: { kind: 'error-mid-stream', afterChunks: 1, errorType: 'rate_limit_error' },
    kind: { ollama: 'unavailable', openai: 'unavailable', anthropic: 'rate-limit' },
    deltas: ['a'],
  },
  { name: 'malformed JSON in a chunk', fault: { kind: 'malformed-chunk', afterChunks: 1 }, kind: 'malformed', deltas: ['a'] },
  { name: 'stream ends without done/[DONE]/message_stop', fault: { kind: 'truncated' }, kind: 'malformed', deltas: ['a', 'b'] },
];

describe('providers: faults → ProviderError', () => {
  for (const testCase of CASES) {
    for (const subject of SUBJECTS) {
      const expected = pick(testCase.kind, subject.kind);
      it(`${subject.kind}: ${testCase.name} → ${expected}`, async () => {
        const fake = await subject.start({
          scripts: [{ chunks: ['a', 'b'], usage: { inputTokens: 1, outputTokens: 2 }, fault: testCase.fault, headers: testCase.headers?.(subject.kind) ?? {} }],
        });
        try {
          const outcome = await collect(providerFor(subject.kind, fake), chatCall());
          assert.equal(outcome.error?.kind, expected, outcome.error?.message ?? 'no error');
          assert.equal(outcome.done.length, 0, 'no done after a failure');
          assert.deepEqual(outcome.deltas, testCase.deltas ?? []);
          if ('retryAfterMs' in testCase) assert.equal(outcome.error?.retryAfterMs, pick(testCase.retryAfterMs, subject.kind));
          const status = outcome.error?.status;
          if (testCase.deltas === undefined && testCase.fault.kind !== 'truncated') assert.equal(typeof status, 'number');
          assert.ok(outcome.error?.message.startsWith(`test-${subject.kind}: `), outcome.error?.message);
          assert.ok(!outcome.error?.message.includes(TEST_KEY));
        } finally {
          await fake.close();
        }
      });
    }
  }
});
