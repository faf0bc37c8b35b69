// The replay's provider side, run as a child process (so its work never lands in the router's timings):
// the protocol fakes on 127.0.0.1, answering by the virtual clock the parent sends over IPC.

import { EventEmitter } from 'node:events';
import { demoResponder } from '../test/fakes/demoResponder';
import { startAnthropicFake } from '../test/fakes/anthropicFake';
import type { FakeServer } from '../test/fakes/httpFake';
import { startOllamaFake } from '../test/fakes/ollamaFake';
import { startOpenAiFake } from '../test/fakes/openaiFake';
import { anthropicRateLimitHeaders, openAiRateLimitHeaders } from '../test/fakes/script';
import type { FakeOptions, RecordedRequest, Responder, RetryHint, Script } from '../test/fakes/script';
import {
  FAKE_PROVIDERS,
  LIMIT_STYLE,
  MODEL_LIMITS,
  TOKENS_PER_MINUTE,
  UNLIMITED_REQUESTS_PER_MINUTE,
  billedInputTokens,
  billedOutputTokens,
  outageAt,
  windowAt,
  type FakeProviderId,
  type LimitStyle,
} from './replaySchedule';

/** Parent → child. */
export type FakesCommand =
  | { readonly type: 'time'; readonly seq: number; readonly now: number }
  | { readonly type: 'reset'; readonly seq: number }
  | { readonly type: 'stop' };

/** Child → parent. */
export type FakesReply =
  | { readonly type: 'ready'; readonly baseUrls: Readonly<Record<FakeProviderId, string>> }
  | { readonly type: 'ack'; readonly seq: number };

const STARTERS: Readonly<Record<FakeProviderId, (options: FakeOptions) => Promise<FakeServer>>> = {
  ollama: startOllamaFake,
  openai: startOpenAiFake,
  anthropic: startAnthropicFake,
  deepseek: startOpenAiFake,
};

let now = 0;
/** Accepted requests and billed tokens per `provider:model@window`. */
const used = new Map<string, { requests: number; tokens: number }>();

function goDuration(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(3)}s`;
}

/** The headers one answer carries in `style`, after this answer took its share of the window. */
function limitHeaders(style: LimitStyle, limit: number, remaining: number, tokensRemaining: number, endsAt: number): Record<string, string> {
  switch (style) {
    case 'anthropic':
      return anthropicRateLimitHeaders({
        requests: { limit, remaining, reset: new Date(endsAt) },
        'input-tokens': { limit: TOKENS_PER_MINUTE, remaining: tokensRemaining, reset: new Date(endsAt) },
      });
    case 'openai':
      return openAiRateLimitHeaders({
        limitRequests: limit,
        remainingRequests: remaining,
        resetRequests: goDuration(endsAt - now),
        limitTokens: TOKENS_PER_MINUTE,
        remainingTokens: tokensRemaining,
        resetTokens: goDuration(endsAt - now),
      });
    case 'none':
      return {};
  }
}

/** The demo answer (right shape for edit/review/chat) in four quick chunks, with realistic usage. */
function answer(demo: Script, request: RecordedRequest): Script {
  const chat = request.chat;
  const text = demo.chunks.join('');
  const size = Math.ceil(text.length / 4);
  const chunks = [0, 1, 2, 3].map((i) => text.slice(i * size, (i + 1) * size)).filter((c) => c !== '');
  const prompt = [chat?.system ?? '', ...(chat?.messages ?? []).map((m) => m.content)].join('\n');
  const lastUser = [...(chat?.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
  return { chunks, usage: { inputTokens: billedInputTokens(prompt), outputTokens: billedOutputTokens(lastUser) }, finish: 'stop' };
}

function responder(provider: FakeProviderId): Responder {
  const demo = demoResponder(provider === 'deepseek' ? 'openai' : provider);
  const style = LIMIT_STYLE[provider];
  return (request) => {
    const outage = outageAt(provider, now);
    if (outage && outage.kind !== 'connection-refused') return { chunks: [], fault: { kind: outage.kind } };
    const base = answer(demo(request), request);
    if (provider === 'ollama') return base;
    const model = `${provider}:${request.chat?.model ?? ''}`;
    const window = windowAt(now);
    const key = `${model}@${window.index}`;
    const state = used.get(key) ?? { requests: 0, tokens: 0 };
    const limit = MODEL_LIMITS[model]?.requestsPerMinute ?? UNLIMITED_REQUESTS_PER_MINUTE;
    if (state.requests >= limit) {
      const seconds = Math.ceil((window.endsAt - now) / 1000);
      const hint: RetryHint = style === 'openai' ? { kind: 'reset-headers' } : { kind: 'retry-after-seconds', seconds };
      const headers = limitHeaders(style, limit, 0, TOKENS_PER_MINUTE - state.tokens, window.endsAt);
      return { chunks: [], headers, fault: { kind: 'rate-limit', hint } };
    }
    state.requests += 1;
    state.tokens += (base.usage?.inputTokens ?? 0) + (base.usage?.outputTokens ?? 0);
    used.set(key, state);
    const headers = limitHeaders(style, limit, limit - state.requests, Math.max(0, TOKENS_PER_MINUTE - state.tokens), window.endsAt);
    return { ...base, headers };
  };
}

async function main(): Promise<void> {
  // The fakes add a `close` listener per request to each keep-alive socket; a replay sends ~1,000 over one.
  EventEmitter.defaultMaxListeners = 0;
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench/replayFakes.ts runs as a child of bench/replay.ts (it needs an IPC channel)');
  const servers = new Map<FakeProviderId, FakeServer>();
  const ports = new Map<FakeProviderId, number>();
  const start = async (provider: FakeProviderId): Promise<FakeServer> => {
    const port = ports.get(provider);
    const server = await STARTERS[provider]({ respond: responder(provider), ...(port === undefined ? {} : { port }) });
    servers.set(provider, server);
    ports.set(provider, server.port);
    return server;
  };
  for (const provider of FAKE_PROVIDERS) await start(provider);
  const baseUrls = Object.fromEntries(FAKE_PROVIDERS.map((p) => [p, servers.get(p)?.baseUrl])) as Record<FakeProviderId, string>;

  // Connection-refused outages: stop listening while the outage lasts, listen on the same port after.
  const applyOutages = async (): Promise<void> => {
    for (const provider of FAKE_PROVIDERS) {
      const refused = outageAt(provider, now)?.kind === 'connection-refused';
      const server = servers.get(provider);
      if (refused && server) {
        servers.delete(provider);
        await server.close();
      } else if (!refused && !server) {
        await start(provider);
      }
    }
  };

  process.on('message', (message: FakesCommand) => {
    void (async () => {
      switch (message.type) {
        case 'time':
          now = message.now;
          await applyOutages();
          send({ type: 'ack', seq: message.seq } satisfies FakesReply);
          break;
        case 'reset':
          used.clear();
          send({ type: 'ack', seq: message.seq } satisfies FakesReply);
          break;
        case 'stop':
          await Promise.all([...servers.values()].map((s) => s.close()));
          process.exit(0);
      }
    })();
  });
  send({ type: 'ready', baseUrls } satisfies FakesReply);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
