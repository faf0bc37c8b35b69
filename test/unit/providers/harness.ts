// Test helpers: each provider kind paired with its fake, and a runner that collects a stream's outcome.

import type { ChatCall, ChatEvent, ChatProvider, Clock } from '../../../src/core/ports';
import { isProviderError, type ProviderError } from '../../../src/core/providerError';
import type { ScheduleTimer } from '../../../src/providers/attemptWatch';
import { createProvider, type ProviderConfig, type ProviderKind } from '../../../src/providers/createProvider';
import { startAnthropicFake } from '../../fakes/anthropicFake';
import type { FakeServer } from '../../fakes/httpFake';
import { startOllamaFake } from '../../fakes/ollamaFake';
import { startOpenAiFake } from '../../fakes/openaiFake';
import type { FakeOptions } from '../../fakes/script';

/** A fixed clock on a whole second, so HTTP dates (second precision) convert exactly. */
export const NOW = Date.parse('2026-11-23T12:00:00Z');
export const fixedClock: Clock = { now: () => NOW };

export const TEST_KEY = 'sk-test-SECRET-0123456789';

/** One provider kind and how to start its fake. */
export interface Subject {
  readonly kind: ProviderKind;
  readonly start: (options: FakeOptions) => Promise<FakeServer>;
}

export const SUBJECTS: readonly Subject[] = [
  { kind: 'ollama', start: startOllamaFake },
  { kind: 'openai', start: startOpenAiFake },
  { kind: 'anthropic', start: startAnthropicFake },
];

/** A provider of `kind` pointed at `fake`, counting key reads. */
export function providerFor(
  kind: ProviderKind,
  fake: FakeServer,
  options: {
    timeoutMs?: number;
    key?: string | undefined;
    keyReads?: { count: number };
    /** Timers of the call's deadlines. */
    schedule?: ScheduleTimer;
    /** Wraps the real fetch (to see headers and body chunks arrive). */
    fetch?: typeof globalThis.fetch;
    config?: Partial<Pick<ProviderConfig, 'firstContentTimeoutMs' | 'totalTimeoutMs' | 'queueTimeoutMs'>>;
  } = {},
): ChatProvider {
  const key = 'key' in options ? options.key : TEST_KEY;
  return createProvider(
    { id: `test-${kind}`, kind, baseUrl: fake.baseUrl, timeoutMs: options.timeoutMs ?? 5000, ...options.config },
    {
      getApiKey: async () => {
        if (options.keyReads) options.keyReads.count++;
        return key;
      },
      clock: fixedClock,
      ...(options.schedule ? { schedule: options.schedule } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  );
}

/** A fetch that reports when a response's headers and each of its body chunks reach the client. */
export function tappedFetch() {
  let chunks = 0;
  let headersSeen = false;
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (!waiter.test()) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const until = (test: () => boolean) => new Promise<void>((resolve) => {
    waiters.push({ test, resolve });
    check();
  });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    headersSeen = true;
    check();
    if (!response.body) return response;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          controller.enqueue(chunk);
          chunks++;
          check();
        },
      }),
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { fetch, headers: () => until(() => headersSeen), chunks: (n: number) => until(() => chunks >= n) };
}

export type DoneEvent = Extract<ChatEvent, { type: 'done' }>;

/** What one streamChat produced. */
export interface Outcome {
  readonly deltas: string[];
  readonly done: DoneEvent[];
  readonly error?: ProviderError;
  /** Tool-call events, in order. */
  readonly toolCalls: Extract<ChatEvent, { type: 'tool-call' }>[];
  /** Every event type in order (`delta`, `tool-call`, `done`, `rate-limit`). */
  readonly order: ChatEvent['type'][];
}

/** A call with sensible defaults. */
export function chatCall(overrides: Partial<ChatCall> = {}): ChatCall {
  return {
    model: 'm-1',
    messages: [{ role: 'user', content: 'Say hello' }],
    maxOutputTokens: 64,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/**
 * Runs a stream to its end, collecting deltas, done events and the error. `onDelta` runs after each
 * delta is recorded (used to cancel mid-stream). Any non-ProviderError is rethrown: adapters must not leak them.
 */
export async function collect(provider: ChatProvider, call: ChatCall, onDelta?: (text: string) => void): Promise<Outcome> {
  const deltas: string[] = [];
  const done: DoneEvent[] = [];
  const toolCalls: Outcome['toolCalls'] = [];
  const order: Outcome['order'] = [];
  try {
    for await (const event of provider.streamChat(call)) {
      order.push(event.type);
      if (event.type === 'delta') {
        deltas.push(event.text);
        onDelta?.(event.text);
      } else if (event.type === 'done') {
        done.push(event);
      } else if (event.type === 'tool-call') {
        toolCalls.push(event);
      }
    }
    return { deltas, done, toolCalls, order };
  } catch (error) {
    if (!isProviderError(error)) throw error;
    return { deltas, done, toolCalls, order, error };
  }
}
