// Stream scaling: one huge streamed line, and a long answer of normal deltas, through the real adapters.
// `npx tsx bench/streamScaling.ts [megabytes]` (default 20): per provider, wall time, the longest event-loop block
// (1 ms ticker), and how the call ended (its text length, or the error kind and message). The server runs in a child
// process, so building and writing the body never lands in the client's timings.

import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatProvider } from '../src/core/ports';
import { isProviderError } from '../src/core/providerError';
import { createProvider, type ProviderKind } from '../src/providers/createProvider';

export interface StreamScalingRow {
  readonly provider: ProviderKind;
  readonly shape: 'one line' | 'many deltas';
  readonly megabytes: number;
  readonly ms: number;
  readonly maxBlockMs: number;
  /** `text N chars` or `<kind>: message`. */
  readonly ended: string;
}

const KINDS: readonly ProviderKind[] = ['openai', 'ollama', 'anthropic'];

/** The whole response body a server of `kind` sends for an answer made of `deltas`. */
function body(kind: ProviderKind, deltas: readonly string[]): string {
  const parts: string[] = [];
  if (kind === 'openai') {
    const chunk = (delta: unknown, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    for (const text of deltas) parts.push(chunk({ content: text }));
    parts.push(chunk({}, 'stop'), 'data: [DONE]\n\n');
  } else if (kind === 'ollama') {
    const line = (content: string, done: boolean) =>
      `${JSON.stringify({ model: 'm', created_at: '2026-12-03T00:00:00Z', message: { role: 'assistant', content }, done, ...(done ? { done_reason: 'stop', prompt_eval_count: 10, eval_count: 10 } : {}) })}\n`;
    for (const text of deltas) parts.push(line(text, false));
    parts.push(line('', true));
  } else {
    const event = (data: { type: string } & Record<string, unknown>) => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
    const usage = { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    parts.push(event({ type: 'message_start', message: { id: 'msg', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, stop_sequence: null, usage } }));
    parts.push(event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
    for (const text of deltas) parts.push(event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }));
    parts.push(event({ type: 'content_block_stop', index: 0 }));
    parts.push(event({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 10 } }));
    parts.push(event({ type: 'message_stop' }));
  }
  return parts.join('');
}

/** Child process: answers every POST with the body for argv's kind/shape/size, 64 KiB per write as a real socket would. */
async function serveChild(kind: ProviderKind, shape: StreamScalingRow['shape'], megabytes: number): Promise<void> {
  const total = Math.round(megabytes * 1_000_000);
  const deltas = shape === 'one line' ? ['x'.repeat(total)] : Array.from({ length: Math.ceil(total / 100) }, () => 'y'.repeat(100));
  const bytes = Buffer.from(body(kind, deltas));
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      res.writeHead(200, { 'content-type': kind === 'ollama' ? 'application/x-ndjson' : 'text/event-stream' });
      for (let at = 0; at < bytes.length && !res.destroyed; at += 65_536) {
        const piece = bytes.subarray(at, at + 65_536);
        await new Promise<void>((resolve) => res.write(piece, () => resolve()));
      }
      res.end();
    });
  });
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
}

async function serve(kind: ProviderKind, shape: StreamScalingRow['shape'], megabytes: number): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(__filename, ['--serve', kind, shape, String(megabytes)]);
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)));
  return { child, url: `http://127.0.0.1:${port}` };
}

async function drain(provider: ChatProvider): Promise<string> {
  let chars = 0;
  try {
    for await (const event of provider.streamChat({ model: 'm', messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 100, signal: new AbortController().signal })) {
      if (event.type === 'delta') chars += event.text.length;
    }
    return `text ${chars} chars`;
  } catch (error) {
    return isProviderError(error) ? `${error.kind}: ${error.message}` : String(error);
  }
}

/** Runs `work` while a 1 ms ticker records the longest gap between ticks (the longest synchronous block). */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; maxBlockMs: number }> {
  let last = performance.now();
  let maxBlockMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxBlockMs = Math.max(maxBlockMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  maxBlockMs = Math.max(maxBlockMs, performance.now() - last);
  clearInterval(ticker);
  return { value, ms, maxBlockMs };
}

async function one(kind: ProviderKind, shape: StreamScalingRow['shape'], megabytes: number): Promise<StreamScalingRow> {
  const { child, url } = await serve(kind, shape, megabytes);
  try {
    const baseUrl = kind === 'openai' ? `${url}/v1` : url;
    const provider = createProvider({ id: `bench-${kind}`, kind, baseUrl, timeoutMs: 120_000 }, { getApiKey: async () => 'bench-key' });
    const run = await timed(() => drain(provider));
    return { provider: kind, shape, megabytes, ms: run.ms, maxBlockMs: run.maxBlockMs, ended: run.value };
  } finally {
    child.kill();
  }
}

/** Per provider: one `megabytes` line, then small deltas of 1 MB (about the router's answer cap) and of `megabytes`. */
export async function streamScaling(megabytes = 20): Promise<StreamScalingRow[]> {
  for (const kind of KINDS) await one(kind, 'many deltas', 0.1); // warm-up: the first call compiles the SDK's code
  const rows: StreamScalingRow[] = [];
  for (const [shape, size] of [['one line', megabytes], ['many deltas', 1], ['many deltas', megabytes]] as const) {
    for (const kind of KINDS) rows.push(await one(kind, shape, size));
  }
  return rows;
}

export function streamScalingLines(rows: readonly StreamScalingRow[]): string[] {
  const lines = ['provider   shape        MB |     total  max block | ended'];
  for (const r of rows) {
    lines.push(
      `${r.provider.padEnd(10)} ${r.shape.padEnd(12)} ${String(r.megabytes).padStart(3)} | ${r.ms.toFixed(0).padStart(7)} ms ${r.maxBlockMs.toFixed(1).padStart(7)} ms | ${r.ended.slice(0, 90)}`,
    );
  }
  return lines;
}

if (require.main === module && process.argv[2] === '--serve') {
  void serveChild(process.argv[3] as ProviderKind, process.argv[4] as StreamScalingRow['shape'], Number(process.argv[5]));
} else if (require.main === module) {
  const megabytes = Number(process.argv[2] ?? 20);
  void streamScaling(megabytes).then((rows) => console.log(streamScalingLines(rows).join('\n')));
}
