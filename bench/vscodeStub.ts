// A stand-in `vscode` module for timing activation in plain Node (bench only): real-enough classes for what
// activate() builds (EventEmitter, Disposable, Uri, settings with defaults), and an inert catch-all for the rest.
// It proves nothing about behaviour in VS Code (the e2e tests do that); it only lets activate() run and be timed.

/** What the stub counts while the extension runs. */
export interface StubCounters {
  commandsRegistered: number;
  configurationReads: number;
}

type Listener<T> = (value: T) => unknown;

class Disposable {
  constructor(private readonly onDispose: () => unknown = () => {}) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    readonly query = '',
    readonly fragment = '',
  ) {}
  static file(fsPath: string): Uri {
    return new Uri('file', fsPath);
  }
  static parse(text: string): Uri {
    const at = text.indexOf(':');
    return new Uri(at > 0 ? text.slice(0, at) : 'file', at > 0 ? text.slice(at + 1).replace(/^\/\//, '') : text);
  }
  static from(parts: { scheme: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(parts.scheme, parts.path ?? '', parts.query ?? '', parts.fragment ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, [base.path, ...segments].join('/').replace(/\/+/g, '/'), base.query, base.fragment);
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { scheme?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    return `${this.scheme}://${this.path}${this.query ? `?${this.query}` : ''}`;
  }
}

/** Any value class (Range, Position, Diagnostic, …): keeps its arguments. */
class Value {
  readonly args: unknown[];
  constructor(...args: unknown[]) {
    this.args = args;
  }
}

/** An inert object: every property is another inert object, calls and `new` return one, writes are accepted. */
export function inert(name: string): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const target = function inertFunction(): void {};
  return new Proxy(target, {
    get(_, prop) {
      if (prop === 'then' || prop === Symbol.iterator || prop === Symbol.asyncIterator) return undefined;
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === 'toString' || prop === 'toJSON') return () => name;
      if (!cache.has(prop)) cache.set(prop, inert(`${name}.${String(prop)}`));
      return cache.get(prop);
    },
    set(_, prop, value) {
      cache.set(prop, value);
      return true;
    },
    apply: () => inert(`${name}()`),
    construct: () => inert(`new ${name}`) as object,
  });
}

/** An event: registering returns a disposable; it never fires. */
function event(): (listener: unknown) => Disposable {
  return () => new Disposable();
}

/** The stub module; unknown top-level names fall back to inert objects. */
export function createVscodeStub(counters: StubCounters): Record<string, unknown> {
  const configuration = {
    get: <T>(_key: string, fallback?: T): T | undefined => {
      counters.configurationReads++;
      return fallback;
    },
    has: () => false,
    inspect: () => undefined,
    update: async () => {},
  };
  const module: Record<string, unknown> = {
    Disposable,
    EventEmitter,
    Uri,
    Range: Value,
    Position: Value,
    Selection: Value,
    Diagnostic: Value,
    CodeAction: Value,
    WorkspaceEdit: Value,
    TabInputTextDiff: Value,
    ThemeColor: Value,
    ThemeIcon: Value,
    MarkdownString: Value,
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    CodeActionKind: { QuickFix: inert('CodeActionKind.QuickFix'), Empty: inert('CodeActionKind.Empty') },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    workspace: new Proxy(
      {
        getConfiguration: () => configuration,
        onDidChangeConfiguration: event(),
        onDidCloseTextDocument: event(),
        onDidChangeTextDocument: event(),
        registerTextDocumentContentProvider: () => new Disposable(),
        workspaceFolders: undefined,
        textDocuments: [],
      } as Record<string | symbol, unknown>,
      { get: (target, prop) => (prop in target ? target[prop] : inert(`workspace.${String(prop)}`)) },
    ),
    window: new Proxy(
      {
        registerWebviewViewProvider: () => new Disposable(),
        onDidChangeTextEditorSelection: event(),
        onDidChangeActiveTextEditor: event(),
        activeTextEditor: undefined,
        visibleTextEditors: [],
      } as Record<string | symbol, unknown>,
      { get: (target, prop) => (prop in target ? target[prop] : inert(`window.${String(prop)}`)) },
    ),
    commands: {
      registerCommand: () => {
        counters.commandsRegistered++;
        return new Disposable();
      },
      executeCommand: async () => undefined,
    },
    languages: new Proxy({} as Record<string | symbol, unknown>, {
      get: (target, prop) => (prop in target ? target[prop] : inert(`languages.${String(prop)}`)),
    }),
  };
  return new Proxy(module, { get: (target, prop) => (prop in target ? target[prop as string] : inert(String(prop))) });
}

/** A Memento that holds nothing. */
export function emptyMemento(): Record<string, unknown> {
  return { get: <T>(_key: string, fallback?: T) => fallback, update: async () => {}, keys: () => [], setKeysForSync: () => {} };
}

export { Disposable as StubDisposable, EventEmitter as StubEventEmitter, Uri as StubUri };
