// A fake Anthropic Messages server: `event:`/`data:` stream with ping, message_start … message_stop, errors.

import type { ServerResponse } from 'node:http';
import { dropSocket, FAULT_STATUS, flushHeaders, sendJson, startFake, write, writeEvery, type FakeServer, type Protocol } from './httpFake';
import { fragments, retryHintHeaders, type ChatRequestView, type FakeOptions, type Fault, type RecordedRequest, type Script } from './script';

type Content = string | { type?: string; text?: string }[] | undefined;

interface AnthropicBody {
  model?: string;
  system?: Content;
  messages?: { role?: string; content?: Content }[];
  max_tokens?: number;
  stream?: boolean;
}

/** Parameters API version 2026-10-21 rejects with a 400. */
const REJECTED_PARAMS = ['temperature', 'top_p', 'top_k'];

function text(content: Content): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('');
}

function chatView(method: string, path: string, body: unknown): ChatRequestView | undefined {
  if (method !== 'POST' || path !== '/v1/messages' || typeof body !== 'object' || body === null) return undefined;
  const chat = body as AnthropicBody;
  return {
    model: chat.model ?? '',
    ...(chat.system === undefined ? {} : { system: text(chat.system) }),
    messages: (chat.messages ?? []).map((m) => ({ role: m.role ?? '', content: text(m.content) })),
    ...(chat.max_tokens === undefined ? {} : { maxTokens: chat.max_tokens }),
    stream: chat.stream === true,
  };
}

/** `error.type` and message per fault, as the API sends them. */
function errorFor(fault: Fault, model: string): { type: string; message: string } {
  switch (fault.kind) {
    case 'rate-limit':
      return { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit.' };
    case 'unauthorized':
      return { type: 'authentication_error', message: 'invalid x-api-key' };
    case 'billing':
      return { type: 'billing_error', message: 'Your credit balance is too low.' };
    case 'unknown-model':
      return { type: 'not_found_error', message: `model: ${model}` };
    case 'context-too-long':
      return { type: 'invalid_request_error', message: 'prompt is too long: 250000 tokens > 200000 maximum' };
    case 'request-too-large':
      return { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' };
    case 'bad-request':
      return { type: 'invalid_request_error', message: 'max_tokens: Field required' };
    case 'overloaded':
      return { type: 'overloaded_error', message: 'Overloaded' };
    case 'gateway-timeout':
      return { type: 'timeout_error', message: 'Request timed out' };
    default:
      return { type: 'api_error', message: 'Internal server error' };
  }
}

const STOP_REASON = { stop: 'end_turn', length: 'max_tokens', refusal: 'refusal', 'content-filter': 'refusal' } as const;

function sendError(res: ServerResponse, status: number, error: { type: string; message: string }, headers: Record<string, string>): void {
  sendJson(res, status, { type: 'error', error, request_id: headers['request-id'] }, headers);
}

async function answerChat(request: RecordedRequest, script: Script, res: ServerResponse): Promise<void> {
  const view = request.chat as ChatRequestView;
  const model = script.servedModel ?? view.model;
  const fault = script.fault;
  const headers = { 'request-id': 'req_011CFakeRequest', ...script.headers };
  if (fault?.kind === 'hang') return;
  const rejected = REJECTED_PARAMS.find((name) => name in (request.body as object));
  if (rejected) return sendError(res, 400, { type: 'invalid_request_error', message: `${rejected}: Extra inputs are not permitted` }, headers);
  const status = fault ? FAULT_STATUS[fault.kind] : undefined;
  if (fault && status !== undefined) {
    const hint = fault.kind === 'rate-limit' ? retryHintHeaders(fault.hint) : {};
    return sendError(res, status, errorFor(fault, view.model), { ...headers, ...hint });
  }
  const u = script.usage ?? { inputTokens: 0, outputTokens: 0 };
  const cached = u.cachedInputTokens ?? 0;
  const calls = script.toolCalls ?? [];
  const stopReason = script.finish === undefined && calls.length > 0 ? 'tool_use' : STOP_REASON[script.finish ?? 'stop'];
  const askedToCache = typeof request.body === 'object' && request.body !== null && 'cache_control' in request.body;
  const written = askedToCache ? (u.cacheWriteTokens ?? 0) : 0;
  const startUsage = { input_tokens: u.inputTokens, output_tokens: 1, cache_creation_input_tokens: written, cache_read_input_tokens: cached };
  const message = { id: 'msg_fake1', type: 'message', role: 'assistant', model, stop_sequence: null };
  if (!view.stream) {
    const parsed = (json: string): unknown => {
      try {
        return JSON.parse(json);
      } catch {
        return json;
      }
    };
    const uses = calls.map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: parsed(c.arguments) }));
    const content = [{ type: 'text', text: script.chunks.join('') }, ...uses];
    return sendJson(res, 200, { ...message, content, stop_reason: stopReason, usage: { ...startUsage, output_tokens: u.outputTokens } }, headers);
  }

  const event = (data: { type: string } & Record<string, unknown>): string => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
  const delta = (chunk: string): string => event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: chunk } });
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  if (fault?.kind === 'silent-after-headers') return flushHeaders(res);
  await write(res, event({ type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: startUsage } }));
  await write(res, event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
  await write(res, event({ type: 'ping' }));
  if (fault?.kind === 'keep-alive-forever') return writeEvery(res, fault.everyMs, () => event({ type: 'ping' }));
  if (fault?.kind === 'drip') {
    const chars = [...script.chunks.join('')];
    return writeEvery(res, fault.everyMs, (i) => (chars[i] === undefined ? undefined : delta(chars[i])));
  }
  const cut = fault && 'afterChunks' in fault ? fault.afterChunks : script.chunks.length;
  for (const chunk of script.chunks.slice(0, cut)) await write(res, delta(chunk));
  switch (fault?.kind) {
    case 'stall':
      return;
    case 'drop-mid-stream':
      return dropSocket(res);
    case 'error-mid-stream':
      await write(res, event({ type: 'error', error: { type: fault.errorType ?? 'overloaded_error', message: 'Overloaded' } }));
      return void res.end();
    case 'malformed-chunk':
      await write(res, 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\n\n');
      for (const chunk of script.chunks.slice(cut)) await write(res, delta(chunk));
      break;
    case 'truncated':
      return void res.end();
    case 'paused':
      await fault.until;
      for (const chunk of script.chunks.slice(cut)) await write(res, delta(chunk));
      break;
  }
  await write(res, event({ type: 'content_block_stop', index: 0 }));
  // Each call as its own tool_use block: the start holds an empty input, input_json_delta pieces carry the JSON.
  for (const [i, c] of calls.entries()) {
    const index = i + 1;
    await write(res, event({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: c.id, name: c.name, input: {}, caller: { type: 'direct' } } }));
    for (const part of fragments(c.arguments, c.pieces)) {
      await write(res, event({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } }));
    }
    await write(res, event({ type: 'content_block_stop', index }));
  }
  // message_delta carries cumulative totals (input and cache repeated): a client that adds would double them.
  const finalUsage = { input_tokens: u.inputTokens, cache_read_input_tokens: cached, output_tokens: u.outputTokens };
  await write(res, event({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: finalUsage }));
  if (fault?.kind === 'drop-after-usage') return dropSocket(res);
  await write(res, event({ type: 'message_stop' }));
  res.end();
}

const anthropicProtocol: Protocol = {
  basePath: '',
  chatView,
  answerChat,
  answerOther(request, res, models) {
    if (request.method !== 'GET' || !request.path.startsWith('/v1/models')) return false;
    const data = models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-10-01T00:00:00Z' }));
    sendJson(res, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    return true;
  },
};

/** Starts a fake Anthropic server on 127.0.0.1; its `baseUrl` has no `/v1`. */
export function startAnthropicFake(options: FakeOptions = {}): Promise<FakeServer> {
  return startFake(anthropicProtocol, options);
}
