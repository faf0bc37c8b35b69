// A fake Ollama server: /api/chat as NDJSON with a final `done` line and metrics, /api/tags, /api/embed, errors.

import type { ServerResponse } from 'node:http';
import { dropSocket, FAULT_STATUS, flushHeaders, sendJson, startFake, write, writeEvery, type FakeServer, type Protocol } from './httpFake';
import { lexicalEmbedding } from './lexicalEmbedding';
import { retryHintHeaders, type ChatRequestView, type FakeOptions, type Fault, type RecordedRequest, type Script } from './script';

interface OllamaChatBody {
  model?: string;
  messages?: { role?: string; content?: string }[];
  stream?: boolean;
  options?: { num_predict?: number; num_ctx?: number };
}

/**
 * Ollama's context, simulated when `tokenize` is given: the prompt is counted with it, and one longer than the
 * request's `num_ctx` (Ollama's `defaultContext` when none is sent) is cut as Ollama cuts it, still answering 200 —
 * the done line's `prompt_eval_count` is then what the model read, not the prompt's length.
 */
export interface OllamaFakeOptions extends FakeOptions {
  /** The model's tokenizer: tokens of the whole prompt's text (system and messages). */
  readonly tokenize?: (text: string) => number;
  /**
   * `fill`: older runners keep the last num_ctx tokens (count = num_ctx); `half`: newer ones keep num_ctx/2 + 2;
   * `refuse`: the llama-server engine answers 400 with a structured `exceed_context_size_error` (ollama/ollama#16800).
   */
  readonly truncation?: 'fill' | 'half' | 'refuse';
  /** The context Ollama uses when a request sends no num_ctx (4096 since 0.6, 2048 before). */
  readonly defaultContext?: number;
}

/** What Ollama reads of a prompt of `tokens` in a context of `numCtx`. */
function evaluatedTokens(tokens: number, numCtx: number, truncation: 'fill' | 'half'): number {
  if (tokens <= numCtx) return tokens;
  return truncation === 'fill' ? numCtx : Math.floor(numCtx / 2) + 2;
}

/** llama-server's refusal as Ollama passes it on: its JSON error, as a string, in Ollama's `error` field. */
function refusalBody(tokens: number, numCtx: number): { error: string } {
  const message = `request (${tokens} tokens) exceeds the available context size (${numCtx} tokens), try increasing it`;
  return { error: JSON.stringify({ error: { code: 400, message, type: 'exceed_context_size_error', n_prompt_tokens: tokens, n_ctx: numCtx } }) };
}

function chatView(method: string, path: string, body: unknown): ChatRequestView | undefined {
  if (method !== 'POST' || path !== '/api/chat' || typeof body !== 'object' || body === null) return undefined;
  const chat = body as OllamaChatBody;
  const messages = (chat.messages ?? []).map((m) => ({ role: m.role ?? '', content: m.content ?? '' }));
  const system = messages.find((m) => m.role === 'system')?.content;
  return {
    model: chat.model ?? '',
    ...(system === undefined ? {} : { system }),
    messages: messages.filter((m) => m.role !== 'system'),
    ...(chat.options?.num_predict === undefined ? {} : { maxTokens: chat.options.num_predict }),
    ...(chat.options?.num_ctx === undefined ? {} : { contextTokens: chat.options.num_ctx }),
    stream: chat.stream ?? true, // the server streams unless told not to
  };
}

/** The `{"error": …}` text Ollama sends for each fault (clients must not rely on it). */
function errorText(fault: Fault, model: string): string {
  switch (fault.kind) {
    case 'rate-limit':
      return 'too many requests';
    case 'unauthorized':
      return 'unauthorized';
    case 'billing':
      return 'payment required';
    case 'unknown-model':
      return `model '${model}' not found`;
    case 'context-too-long':
      return 'the input length exceeds the context length';
    case 'request-too-large':
      return 'request entity too large';
    case 'service-unavailable':
      return 'server busy, please try again.  maximum pending requests exceeded';
    case 'overloaded':
      return 'overloaded';
    case 'gateway-timeout':
      return 'gateway timeout';
    case 'bad-request':
      return 'invalid options: num_predict';
    default:
      return 'llama runner process has terminated: exit status 2';
  }
}

const now = (): string => new Date().toISOString();

function line(model: string, content: string): string {
  return `${JSON.stringify({ model, created_at: now(), message: { role: 'assistant', content }, done: false })}\n`;
}

/** The arguments as Ollama sends them: the parsed object (the model's text itself when it does not parse). */
function argumentsValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `message.tool_calls` as the server writes them; an empty script id leaves `id` out (servers before call ids). */
function toolCallsOf(script: Script): unknown[] {
  return (script.toolCalls ?? []).map((c, index) => ({
    ...(c.id === '' ? {} : { id: c.id }),
    function: { index, name: c.name, arguments: argumentsValue(c.arguments) },
  }));
}

/** Ollama streams a model's tool calls whole, in one chunk with empty content, before the done line. */
function toolCallLine(model: string, script: Script): string {
  return `${JSON.stringify({ model, created_at: now(), message: { role: 'assistant', content: '', tool_calls: toolCallsOf(script) }, done: false })}\n`;
}

function doneLine(model: string, script: Script, content = '', withCalls = false, evaluated?: number): string {
  const usage = script.usage ?? { inputTokens: 0, outputTokens: 0 };
  const calls = withCalls && script.toolCalls?.length ? { tool_calls: toolCallsOf(script) } : {};
  return `${JSON.stringify({
    model,
    created_at: now(),
    message: { role: 'assistant', content, ...calls },
    done: true,
    done_reason: script.finish === 'length' ? 'length' : 'stop',
    total_duration: 4883583458,
    load_duration: 1334875,
    prompt_eval_count: evaluated ?? usage.inputTokens,
    prompt_eval_duration: 342546000,
    eval_count: usage.outputTokens,
    eval_duration: 4535599000,
  })}\n`;
}

async function answerChat(options: OllamaFakeOptions, request: RecordedRequest, script: Script, res: ServerResponse): Promise<void> {
  const view = request.chat as ChatRequestView;
  const prompt = [...(view.system === undefined ? [] : [view.system]), ...view.messages.map((m) => m.content)].join('\n');
  const tokens = options.tokenize?.(prompt);
  const numCtx = view.contextTokens ?? options.defaultContext ?? 4096;
  if (tokens !== undefined && tokens > numCtx && options.truncation === 'refuse') return sendJson(res, 400, refusalBody(tokens, numCtx));
  const evaluated = tokens === undefined ? undefined : evaluatedTokens(tokens, numCtx, options.truncation === 'half' ? 'half' : 'fill');
  const model = script.servedModel ?? view.model;
  const fault = script.fault;
  const headers = { ...script.headers };
  if (fault?.kind === 'hang') return;
  const status = fault ? FAULT_STATUS[fault.kind] : undefined;
  if (fault && status !== undefined) {
    const hint = fault.kind === 'rate-limit' ? retryHintHeaders(fault.hint) : {};
    return sendJson(res, status, { error: errorText(fault, view.model) }, { ...headers, ...hint });
  }
  if (!view.stream) return sendJson(res, 200, JSON.parse(doneLine(model, script, script.chunks.join(''), true, evaluated)), headers);

  res.writeHead(200, { 'content-type': 'application/x-ndjson', ...headers });
  if (fault?.kind === 'silent-after-headers') return flushHeaders(res);
  if (fault?.kind === 'keep-alive-forever') return writeEvery(res, fault.everyMs, () => line(model, ''));
  if (fault?.kind === 'drip') {
    const chars = [...script.chunks.join('')];
    return writeEvery(res, fault.everyMs, (i) => (chars[i] === undefined ? undefined : line(model, chars[i])));
  }
  const cut = fault && 'afterChunks' in fault ? fault.afterChunks : script.chunks.length;
  for (const chunk of script.chunks.slice(0, cut)) await write(res, line(model, chunk));
  switch (fault?.kind) {
    case 'stall':
      return;
    case 'drop-mid-stream':
      return dropSocket(res);
    case 'error-mid-stream':
      await write(res, `${JSON.stringify({ error: 'an error was encountered while running the model' })}\n`);
      return void res.end();
    case 'malformed-chunk':
      await write(res, `{"model":"${model}","message":{"role":"assistant","content":\n`);
      for (const chunk of script.chunks.slice(cut)) await write(res, line(model, chunk));
      break;
    case 'truncated':
      return void res.end();
    case 'drop-after-usage':
      return dropSocket(res);
    case 'paused':
      await fault.until;
      for (const chunk of script.chunks.slice(cut)) await write(res, line(model, chunk));
      break;
  }
  if (script.toolCalls?.length) await write(res, toolCallLine(model, script));
  await write(res, doneLine(model, script, '', false, evaluated));
  res.end();
}

/**
 * `POST /api/embed` `{model, input}` → `{model, embeddings}` (one unit vector per input), with the lexical stand-in.
 * A model not in the fake's list answers 404 `model "x" not found, try pulling it first`, as Ollama does.
 */
function answerEmbed(body: unknown, res: ServerResponse, models: readonly string[]): void {
  const { model, input } = (typeof body === 'object' && body !== null ? body : {}) as { model?: unknown; input?: unknown };
  const inputs = typeof input === 'string' ? [input] : Array.isArray(input) && input.every((t) => typeof t === 'string') ? (input as string[]) : undefined;
  if (typeof model !== 'string' || !inputs) return sendJson(res, 400, { error: 'model and input are required' });
  if (!models.includes(model) && !models.includes(`${model}:latest`)) return sendJson(res, 404, { error: `model "${model}" not found, try pulling it first` });
  sendJson(res, 200, { model, embeddings: inputs.map(lexicalEmbedding), total_duration: 14_000_000, load_duration: 1_000_000, prompt_eval_count: inputs.length * 8 });
}

const ollamaProtocol = (options: OllamaFakeOptions): Protocol => ({
  basePath: '',
  chatView,
  answerChat: (request, script, res) => answerChat(options, request, script, res),
  answerOther(request, res, models) {
    if (request.method === 'POST' && request.path === '/api/embed') {
      answerEmbed(request.body, res, models);
      return true;
    }
    if (request.method === 'GET' && request.path === '/api/version') {
      sendJson(res, 200, { version: '0.5.1' });
      return true;
    }
    if (request.method === 'GET' && request.path === '/api/tags') {
      sendJson(res, 200, {
        models: models.map((name) => ({
          name,
          model: name,
          modified_at: '2026-11-20T10:00:00.000000000Z',
          size: 2019393189,
          digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
          details: {
            parent_model: '',
            format: 'gguf',
            family: 'llama',
            families: ['llama'],
            parameter_size: '3.2B',
            quantization_level: 'Q4_K_M',
          },
        })),
      });
      return true;
    }
    return false;
  },
});

/** Starts a fake Ollama on 127.0.0.1; its `baseUrl` is the Ollama host URL. */
export function startOllamaFake(options: OllamaFakeOptions = {}): Promise<FakeServer> {
  return startFake(ollamaProtocol(options), options);
}
