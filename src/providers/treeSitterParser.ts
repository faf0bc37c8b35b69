// CodeParser on tree-sitter (wasm from @vscode/tree-sitter-wasm): counts syntax errors, loading grammars lazily once.

import * as path from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';
import type { CodeParser, Logger } from '../core/ports';
import grammarFiles from './grammars.json';

/**
 * VS Code language id → grammar file in the wasm folder; esbuild.js copies exactly these. C# (5.1 MB) and C++ (5.4 MB)
 * are left out: together they were 55% of the package's unpacked size; edits in them skip the syntax check.
 */
export const GRAMMARS: Readonly<Record<string, string>> = grammarFiles;

/** The runtime wasm that must sit beside the grammars. */
export const RUNTIME_WASM = 'tree-sitter.wasm';

type Module = typeof TreeSitter;

/** Longest synchronous parse before the syntax check is skipped (the host's 20 ms rule, with room for the walk). */
export const PARSE_BUDGET_MS = 12;
/**
 * Up to this size a parse takes a few ms even on a loaded machine, so it always runs to the end. (64 KiB was too
 * much: 10k–60k chars took 25–50 ms here, over 100 ms loaded; above 8 KiB a loaded box may now skip the check.)
 */
export const ALWAYS_CHECK_CHARS = 8 * 1024;

/**
 * Counts ERROR and MISSING nodes. `wasmDir` holds `tree-sitter.wasm` and the grammar files (in the bundle,
 * `dist/wasm`). Nothing loads until the first call; the runtime and each grammar load at most once.
 */
export class TreeSitterParser implements CodeParser {
  private runtime: Promise<Module | undefined> | undefined;
  private readonly parsers = new Map<string, Promise<TreeSitter.Parser | undefined>>();

  constructor(
    private readonly wasmDir: string,
    private readonly logger: Logger,
    /** Parse time after which the check gives up (a 1 MB selection takes ~155 ms); the clock is injectable for tests. */
    private readonly budgetMs = PARSE_BUDGET_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async countSyntaxErrors(code: string, languageId: string): Promise<number | undefined> {
    const grammar = GRAMMARS[languageId];
    if (!grammar) return undefined;
    const parser = await this.parserFor(grammar);
    if (!parser) return undefined;
    // The parse is synchronous: cancel it past the budget, so no edit check blocks the extension host for long.
    const started = this.now();
    const cancel = code.length > ALWAYS_CHECK_CHARS ? { progressCallback: (() => this.now() - started > this.budgetMs) as () => void } : undefined;
    const tree = parser.parse(code, null, cancel);
    if (!tree) {
      parser.reset(); // else the next parse would resume this one
      this.logger.info(`syntax check skipped: ${code.length} characters of ${languageId} did not parse within ${this.budgetMs} ms`);
      return undefined;
    }
    try {
      return countErrors(tree.rootNode);
    } finally {
      tree.delete();
    }
  }

  private parserFor(grammar: string): Promise<TreeSitter.Parser | undefined> {
    let parser = this.parsers.get(grammar);
    if (!parser) {
      parser = this.loadParser(grammar);
      this.parsers.set(grammar, parser);
    }
    return parser;
  }

  private async loadParser(grammar: string): Promise<TreeSitter.Parser | undefined> {
    const ts = await this.loadRuntime();
    if (!ts) return undefined;
    try {
      const language = await ts.Language.load(path.join(this.wasmDir, grammar));
      return new ts.Parser().setLanguage(language);
    } catch (error) {
      this.logger.warn(`tree-sitter grammar ${grammar} failed to load: ${String(error)}`);
      return undefined;
    }
  }

  private loadRuntime(): Promise<Module | undefined> {
    this.runtime ??= (async () => {
      try {
        // The package is a UMD bundle: Node's ESM loader exposes it only as `default`, esbuild's require as-is.
        const loaded: Partial<Module> & { default?: Module } = await import('@vscode/tree-sitter-wasm');
        const ts = (loaded.Parser ? loaded : loaded.default) as Module;
        await ts.Parser.init({ locateFile: (file: string) => path.join(this.wasmDir, file) });
        return ts;
      } catch (error) {
        this.logger.warn(`tree-sitter failed to load from ${this.wasmDir}: ${String(error)}`);
        return undefined;
      }
    })();
    return this.runtime;
  }
}

/** Error and missing nodes, descending only into subtrees that hold one. */
function countErrors(node: TreeSitter.Node): number {
  if (node.isError || node.isMissing) return 1 + node.children.reduce((n, c) => n + (c && c.hasError ? countErrors(c) : 0), 0);
  if (!node.hasError) return 0;
  let count = 0;
  for (const child of node.children) if (child) count += countErrors(child);
  return count;
}
