// Plumbing shared by the three fake servers: listen on 127.0.0.1, record requests, pick scripts, close.

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ChatRequestView, FakeOptions, Fault, RecordedRequest, Script } from './script';

/** A running fake provider. */
export interface FakeServer {
  /** What to configure as the provider's base URL (OpenAI's includes `/v1`). */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Resolves with request number `index` (0-based) once it has arrived. */
  request(index: number): Promise<RecordedRequest>;
  /** Stops listening and destroys every open socket. */
  close(): Promise<void>;
}

/** What one protocol contributes: how to read a chat body, and how to answer. */
export interface Protocol {
  /** The base URL path a client is configured with (`/v1` for OpenAI, empty otherwise). */
  readonly basePath: string;
  /** The chat view of a request, or undefined when it is not a chat call. */
  chatView(method: string, path: string, body: unknown): ChatRequestView | undefined;
  /** Answers a chat request by `script`. */
  answerChat(request: RecordedRequest, script: Script, res: ServerResponse): Promise<void>;
  /** Answers anything else (model listing, version); false when the route is unknown. */
  answerOther(request: RecordedRequest, res: ServerResponse, models: readonly string[]): boolean;
}

/** HTTP status each fault answers with, before any body is sent. */
export const FAULT_STATUS: Partial<Record<Fault['kind'], number>> = {
  'rate-limit': 429,
  unauthorized: 401,
  billing: 402,
  'unknown-model': 404,
  'context-too-long': 400,
  'request-too-large': 413,
  'bad-request': 400,
  'server-error': 500,
  'service-unavailable': 503,
  overloaded: 529,
  'gateway-timeout': 504,
};

/** Writes `text` and resolves once it is handed to the socket. */
export function write(res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    res.write(text, () => resolve());
  });
}

/** Sends a JSON body with a status and headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Most writes a repeating fault sends: every loop a fake runs stops by itself. */
const MAX_REPEATS = 10_000;

/**
 * Writes `next(i)` every `everyMs` until it returns undefined, the client goes away, or MAX_REPEATS; the socket is left open.
 * Server-side real time: the client's deadlines under test run on the test's own timers.
 */
export async function writeEvery(res: ServerResponse, everyMs: number, next: (i: number) => string | undefined): Promise<void> {
  let gone = false;
  res.on('close', () => (gone = true));
  for (let i = 0; i < MAX_REPEATS && !gone; i++) {
    const text = next(i);
    if (text === undefined) return;
    await write(res, text);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Sends the headers now, with no body byte. */
export function flushHeaders(res: ServerResponse): void {
  res.flushHeaders();
}

/** Destroys the socket once what was written has gone out: the client sees a dropped connection. */
export function dropSocket(res: ServerResponse): void {
  res.socket?.destroy();
}

const AUTH_HEADERS = new Set(['authorization', 'x-api-key']);

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Starts a fake speaking `protocol` on 127.0.0.1. */
export async function startFake(protocol: Protocol, options: FakeOptions = {}): Promise<FakeServer> {
  const queue = [...(options.scripts ?? [])];
  const requests: RecordedRequest[] = [];
  const waiters = new Map<number, ((request: RecordedRequest) => void)[]>();
  const sockets = new Set<Socket>();

  const nextScript = (request: RecordedRequest): Script | undefined => queue.shift() ?? options.respond?.(request);

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (!AUTH_HEADERS.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const socket = req.socket;
      const method = req.method ?? 'GET';
      const chat = protocol.chatView(method, url.pathname, body);
      const recorded: RecordedRequest = {
        method,
        path: url.pathname + url.search,
        headers,
        hasAuth: Object.keys(req.headers).some((name) => AUTH_HEADERS.has(name)),
        authDigests: [...AUTH_HEADERS].flatMap((name) => {
          const value = req.headers[name];
          return typeof value === 'string' ? [createHash('sha256').update(value).digest('hex')] : [];
        }),
        body,
        ...(chat ? { chat } : {}),
        socketClosed: socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve())),
      };
      requests.push(recorded);
      for (const resolve of waiters.get(requests.length - 1) ?? []) resolve(recorded);
      waiters.delete(requests.length - 1);

      if (chat) {
        const script = nextScript(recorded);
        if (!script) return sendJson(res, 500, { error: 'fake: no script left for this request' });
        if (script.holdUntil) await script.holdUntil;
        await protocol.answerChat(recorded, script, res);
      } else if (!protocol.answerOther(recorded, res, options.models ?? [])) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('404 page not found');
      }
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: `fake: ${String(error)}` });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}${protocol.basePath}`,
    port,
    requests,
    request(index) {
      const existing = requests[index];
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve) => waiters.set(index, [...(waiters.get(index) ?? []), resolve]));
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
