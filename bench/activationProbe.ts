// Child process for bench/editorCosts.ts: loads a built dist/extension.js in plain Node with the stub `vscode`
// module, times require + activate(context), and counts network calls and secret reads (prints one JSON line).

import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createVscodeStub, emptyMemento, StubEventEmitter, StubUri, type StubCounters } from './vscodeStub';

/** What the probe prints. */
export interface ActivationProbeResult {
  readonly requireMs: number;
  readonly activateMs: number;
  /** Network attempts (fetch, sockets, http(s) requests, DNS) and secret reads during require + activate. */
  readonly networkDuring: number;
  readonly secretReadsDuring: number;
  /** The same over the half second after activate() returned (work it started in the background). */
  readonly networkAfter: number;
  readonly secretReadsAfter: number;
  readonly commandsRegistered: number;
  readonly subscriptions: number;
  readonly error?: string;
}

let network = 0;
let secretReads = 0;

/** Replaces `owner[name]` with a wrapper that counts calls. */
function countCalls(owner: object, name: string): void {
  const record = owner as Record<string, unknown>;
  const original = record[name];
  if (typeof original !== 'function') return;
  record[name] = function counted(this: unknown, ...args: unknown[]): unknown {
    network++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
}

/** Wraps the modules' own objects (not import namespaces, whose bindings are read-only) so the bundle sees the wrappers. */
function installNetworkCounters(): void {
  const net = require('node:net') as typeof import('node:net');
  const tls = require('node:tls') as typeof import('node:tls');
  const http = require('node:http') as typeof import('node:http');
  const https = require('node:https') as typeof import('node:https');
  const dns = require('node:dns') as typeof import('node:dns');
  countCalls(globalThis, 'fetch');
  for (const name of ['connect', 'createConnection']) countCalls(net, name);
  countCalls(net.Socket.prototype, 'connect');
  countCalls(tls, 'connect');
  for (const name of ['request', 'get']) {
    countCalls(http, name);
    countCalls(https, name);
  }
  countCalls(dns, 'lookup');
  countCalls(dns.promises, 'lookup');
}

function installVscodeStub(counters: StubCounters): void {
  const Module = require('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const id = path.join(__dirname, '__vscode_stub__.js');
  const original = Module._resolveFilename;
  Module._resolveFilename = function resolve(request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? id : original.call(this, request, ...rest);
  };
  const cache = require.cache as Record<string, unknown>;
  cache[id] = { id, filename: id, loaded: true, exports: createVscodeStub(counters), children: [], paths: [] };
}

async function main(): Promise<void> {
  const [extensionRoot, storage] = process.argv.slice(2);
  if (!extensionRoot || !storage) throw new Error('usage: node activationProbe.js <extension root with dist/> <storage dir>');
  const counters: StubCounters = { commandsRegistered: 0, configurationReads: 0 };
  installVscodeStub(counters);
  installNetworkCounters();
  const subscriptions: { dispose(): unknown }[] = [];
  const context = {
    subscriptions,
    extensionPath: extensionRoot,
    extensionUri: StubUri.file(extensionRoot),
    globalStorageUri: StubUri.file(path.join(storage, 'global')),
    storageUri: StubUri.file(path.join(storage, 'workspace')),
    logUri: StubUri.file(path.join(storage, 'logs')),
    globalState: emptyMemento(),
    workspaceState: emptyMemento(),
    extensionMode: 1,
    secrets: {
      get: async () => {
        secretReads++;
        return undefined;
      },
      store: async () => {},
      delete: async () => {},
      onDidChange: new StubEventEmitter<unknown>().event,
    },
    asAbsolutePath: (relative: string) => path.join(extensionRoot, relative),
  };
  let error: string | undefined;
  const started = performance.now();
  const extension = require(path.join(extensionRoot, 'dist', 'extension.js')) as { activate(context: unknown): unknown };
  const loaded = performance.now();
  try {
    extension.activate(context);
  } catch (cause) {
    error = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  }
  const activated = performance.now();
  const networkDuring = network;
  const secretReadsDuring = secretReads;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const result: ActivationProbeResult = {
    requireMs: loaded - started,
    activateMs: activated - loaded,
    networkDuring,
    secretReadsDuring,
    networkAfter: network - networkDuring,
    secretReadsAfter: secretReads - secretReadsDuring,
    commandsRegistered: counters.commandsRegistered,
    subscriptions: subscriptions.length,
    ...(error ? { error } : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`);
  process.exit(1);
});
