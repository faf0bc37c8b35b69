// A fake OpenAI Chat Completions server: SSE `data:` chunks, include_usage chunk, `[DONE]`, errors.

import type { ServerResponse } from 'node:http';
import { dropSocket, FAULT_STATUS, flushHeaders, sendJson, startFake, write, writeEvery, type FakeServer, type Protocol } from './httpFake';
import { fragments, retryHintHeaders, type ChatRequestView, type FakeOptions, type Fault, type RecordedRequest, type Script } from './script';

type OpenAiContent = string | { type?: string; text?: string }[] | null | undefined;

interface OpenAiChatBody {
  model?: string;
  messages?: { role?: string; content?: OpenAiContent }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_completion_tokens?: number;
  max_tokens?: number;
}

function chatView(method: string, path: string, body: unknown): ChatRequestView | undefined {
  if (method !== 'POST' || path !== '/v1/chat/completions' || typeof body !== 'object' || body === null) return undefined;
  const chat = body as OpenAiChatBody;
  // A content array (text and image parts) reads as its text.
  const text = (c: OpenAiContent): string =>
    typeof c === 'string' ? c : (c ?? []).map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join('');
  const messages = (chat.messages ?? []).map((m) => ({ role: m.role ?? '', content: text(m.content) }));
  const system = messages.find((m) => m.role === 'system' || m.role === 'developer')?.content;
  const maxTokens = chat.max_completion_tokens ?? chat.max_tokens;
  return {
    model: chat.model ?? '',
    ...(system === undefined ? {} : { system }),
    messages: messages.filter((m) => m.role !== 'system' && m.role !== 'developer'),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    stream: chat.stream === true,
  };
}

/** `{error: {message, type, param, code}}` per fault, as OpenAI (or a compatible server) sends it. */
function errorObject(fault: Fault, model: string): Record<string, unknown> {
  const base = { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null };
  switch (fault.kind) {
    case 'rate-limit':
      return { ...base, message: `Rate limit reached for ${model}.`, type: 'requests', code: 'rate_limit_exceeded' };
    case 'unauthorized':
      return { ...base, message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' };
    case 'billing':
      return { ...base, message: 'Insufficient Balance', type: 'unknown_error', code: 'invalid_request_error' };
    case 'unknown-model':
      return { ...base, message: `The model \`${model}\` does not exist.`, type: 'invalid_request_error', code: 'model_not_found' };
    case 'context-too-long':
      return {
        ...base,
        message: "This model's maximum context length is 128000 tokens.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      };
    case 'bad-request':
      return { ...base, message: "Invalid value for 'max_completion_tokens'.", type: 'invalid_request_error', param: 'max_completion_tokens' };
    case 'request-too-large':
      return { ...base, message: 'Request too large.', type: 'invalid_request_error' };
    case 'service-unavailable':
      return { ...base, message: 'The engine is currently overloaded, please try again later.' };
    case 'overloaded':
      return { ...base, message: 'Overloaded.', type: 'overloaded_error' };
    default:
      return base;
  }
}

async function answerChat(request: RecordedRequest, script: Script, res: ServerResponse): Promise<void> {
  const view = request.chat as ChatRequestView;
  const model = script.servedModel ?? view.model;
  const fault = script.fault;
  const headers = { 'x-request-id': `req_${request.path.length}${Date.now()}`, ...script.headers };
  if (fault?.kind === 'hang') return;
  const status = fault ? FAULT_STATUS[fault.kind] : undefined;
  if (fault && status !== undefined) {
    const hint = fault.kind === 'rate-limit' ? retryHintHeaders(fault.hint) : {};
    return sendJson(res, status, { error: errorObject(fault, view.model) }, { ...headers, ...hint });
  }
  const u = script.usage ?? { inputTokens: 0, outputTokens: 0 };
  const cached = u.cachedInputTokens ?? 0;
  const promptTokens = u.inputTokens + cached;
  const usage =
    script.usageStyle === 'deepseek'
      ? { prompt_tokens: promptTokens, completion_tokens: u.outputTokens, total_tokens: promptTokens + u.outputTokens, prompt_cache_hit_tokens: cached, prompt_cache_miss_tokens: u.inputTokens }
      : {
          prompt_tokens: promptTokens,
          completion_tokens: u.outputTokens,
          total_tokens: promptTokens + u.outputTokens,
          prompt_tokens_details: { cached_tokens: cached },
          completion_tokens_details: { reasoning_tokens: 0 },
        };
  const calls = script.toolCalls ?? [];
  const finishReason =
    script.finish === undefined && calls.length > 0 ? 'tool_calls' : { stop: 'stop', length: 'length', refusal: 'stop', 'content-filter': 'content_filter' }[script.finish ?? 'stop'];
  const id = 'chatcmpl-1';
  const envelope = { id, object: 'chat.completion.chunk', created: 1763900000, model, system_fingerprint: 'fp_fake' };
  const text = script.chunks.join('');
  if (!view.stream) {
    const toolCalls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
    const message =
      script.finish === 'refusal'
        ? { role: 'assistant', content: null, refusal: text }
        : { role: 'assistant', content: text === '' && calls.length > 0 ? null : text, ...(calls.length > 0 ? { tool_calls: toolCalls } : {}) };
    return sendJson(res, 200, { id, object: 'chat.completion', created: 1763900000, model, choices: [{ index: 0, message, finish_reason: finishReason }], usage }, headers);
  }

  const event = (choices: unknown[], chunkUsage: unknown = null): string => `data: ${JSON.stringify({ ...envelope, choices, usage: chunkUsage })}\n\n`;
  const piece = (delta: Record<string, unknown>, finish: string | null = null): string => event([{ index: 0, delta, logprobs: null, finish_reason: finish }]);
  const field = script.finish === 'refusal' ? 'refusal' : 'content';
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  if (fault?.kind === 'silent-after-headers') return flushHeaders(res);
  if (fault?.kind === 'keep-alive-forever') return writeEvery(res, fault.everyMs, () => ': keep-alive\n\n');
  if (fault?.kind === 'queued') {
    let gone = false;
    res.on('close', () => (gone = true));
    for (let sent = 0; fault.comments === undefined || sent < fault.comments; sent++) {
      if (gone) return;
      await write(res, ': keep-alive\n\n');
      await new Promise((resolve) => setTimeout(resolve, fault.everyMs));
    }
  }
  await write(res, piece({ role: 'assistant', content: '', refusal: null }));
  if (fault?.kind === 'drip') {
    const chars = [...text];
    return writeEvery(res, fault.everyMs, (i) => (chars[i] === undefined ? undefined : piece({ [field]: chars[i] })));
  }
  const cut = fault && 'afterChunks' in fault ? fault.afterChunks : script.chunks.length;
  for (const chunk of script.chunks.slice(0, cut)) await write(res, piece({ [field]: chunk }));
  switch (fault?.kind) {
    case 'stall':
      return;
    case 'drop-mid-stream':
      return dropSocket(res);
    case 'error-mid-stream':
      await write(res, `data: ${JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: fault.errorType ?? 'server_error', param: null, code: null } })}\n\n`);
      return void res.end();
    case 'malformed-chunk':
      await write(res, `data: {"id":"${id}","object":"chat.completion.chunk","choices":[{"index":0,\n\n`);
      for (const chunk of script.chunks.slice(cut)) await write(res, piece({ [field]: chunk }));
      break;
    case 'truncated':
      return void res.end();
    case 'paused':
      await fault.until;
      for (const chunk of script.chunks.slice(cut)) await write(res, piece({ [field]: chunk }));
      break;
  }
  // Each call as OpenAI streams it: index, id and name first (empty arguments), then the argument text in fragments.
  for (const [index, c] of calls.entries()) {
    await write(res, piece({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }));
    for (const part of fragments(c.arguments, c.pieces)) await write(res, piece({ tool_calls: [{ index, function: { arguments: part } }] }));
  }
  await write(res, piece({}, finishReason));
  if ((request.body as OpenAiChatBody).stream_options?.include_usage) await write(res, event([], usage));
  await write(res, 'data: [DONE]\n\n');
  res.end();
}

const openAiProtocol: Protocol = {
  basePath: '/v1',
  chatView,
  answerChat,
  answerOther(request, res, models) {
    if (request.method !== 'GET' || request.path !== '/v1/models') return false;
    sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1763900000, owned_by: 'fake' })) });
    return true;
  },
};

/** Starts a fake OpenAI-compatible server on 127.0.0.1; its `baseUrl` ends in `/v1`. */
export function startOpenAiFake(options: FakeOptions = {}): Promise<FakeServer> {
  return startFake(openAiProtocol, options);
}
