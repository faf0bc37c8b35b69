// Asks a small local model (through the ChatProvider port) which pool a request belongs to.

import type { ChatProvider } from '../ports';
import { ProviderError, isProviderError } from '../providerError';
import { POOLS, isPoolName, type PoolName, type TriageRequest } from '../request';
import type { ExampleSource } from './nearestExamples';

/** Default small model for classification. */
export const DEFAULT_OLLAMA_CLASSIFIER_MODEL = 'qwen2.5:1.5b';
/** Default time budget for one classification call. */
export const DEFAULT_OLLAMA_TIMEOUT_MS = 1500;

/** Instruction given to the small model; pool meanings follow bench/data/README.md. */
export const OLLAMA_SYSTEM_PROMPT = [
  'You route requests from a coding assistant to one of four pools. Answer only with JSON {"pool": "..."}.',
  'local: mechanical or small transformations of given text or code: fix spelling, grammar or a syntax error, reformat, rename, add a comment or docstring, translate a short snippet or sentence, sort or deduplicate a given list, summarise a short passage, a simple regex, formula or hello-world one-liner.',
  'quick: a short answer: a fact, a definition, explaining one concept, a short how-to, what a snippet prints or does, a one-step calculation or conversion, classifying or extracting from a short text, a few tips.',
  'coding: writing or changing code with real logic of modest scope: a function, class, script, query, config or small app; fixing a logic bug; refactoring for efficiency or structure; reviewing code for bugs or vulnerabilities; writing tests; designing one class.',
  'reasoning: several dependent steps of thought: multi-step math word problems, proofs, logic puzzles, probability and estimation, system or architecture design, strategy and planning, trade-off analysis, concurrency bugs, research-level questions.',
  'Boundaries: fixing a syntax error or typo in code is local, fixing a logic bug is coding; "what is the output of this code" is quick, "what is wrong with this code" is coding; a one-operator arithmetic problem is quick, two or more dependent operations are reasoning; "how do I do X in language Y" with a one-line answer is quick, "write a function/program that ..." is coding even when small, except trivial one-liners (hello world), which are local; designing a single class (LRU cache, parking lot) is coding, designing a distributed system is reasoning.',
].join('\n');

/** JSON Schema restricting the answer to one pool. */
export const POOL_SCHEMA: Readonly<Record<string, unknown>> = {
  type: 'object',
  properties: { pool: { type: 'string', enum: [...POOLS] } },
  required: ['pool'],
  additionalProperties: false,
};

/** Why the small model gave no usable answer. */
export type OllamaFailure = 'unreachable' | 'timeout' | 'invalid-answer' | 'error';

/** Thrown by OllamaPoolClassifier when it has no answer; `failure` says why. */
export class OllamaClassifierError extends Error {
  override readonly name = 'OllamaClassifierError';
  constructor(readonly failure: OllamaFailure, message: string) {
    super(message);
  }
}

/** Starts a timer; returns a function that cancels it. Injected so tests need no sleeps. */
export type ScheduleTimeout = (ms: number, onTimeout: () => void) => () => void;

const systemTimeout: ScheduleTimeout = (ms, onTimeout) => {
  const handle = setTimeout(onTimeout, ms);
  return () => clearTimeout(handle);
};

/** Options of OllamaPoolClassifier. */
export interface OllamaClassifierOptions {
  readonly model?: string;
  readonly timeoutMs?: number;
  readonly scheduleTimeout?: ScheduleTimeout;
  /** Nearest labelled prompts, shown as examples; none when absent. */
  readonly examples?: ExampleSource;
  /** How many examples to show (default 4). */
  readonly exampleCount?: number;
}

const MAX_PROMPT_CHARS = 3000;
const MAX_EXAMPLE_CHARS = 300;
const DEFAULT_EXAMPLE_COUNT = 4;

/** The user message: labelled nearest examples (if any), then the request itself. */
export function userMessage(request: TriageRequest, examples: ExampleSource | undefined, count = DEFAULT_EXAMPLE_COUNT): string {
  const parts: string[] = [];
  const shown = examples && count > 0 ? examples(`${request.instruction}\n${request.selection ?? ''}`, count) : [];
  if (shown.length > 0) {
    parts.push('Labelled examples of similar requests:');
    for (const e of shown) parts.push(`${JSON.stringify(e.text.slice(0, MAX_EXAMPLE_CHARS))} -> {"pool": "${e.label}"}`);
    parts.push('Now the request to route:');
  }
  parts.push(`Kind: ${request.kind}`, `Request: ${request.instruction.slice(0, MAX_PROMPT_CHARS)}`);
  if (request.selection) {
    const lines = request.selection.split('\n').length;
    parts.push(`Selected ${request.languageId ?? 'text'} (${lines} lines):\n${request.selection.slice(0, MAX_PROMPT_CHARS)}`);
  }
  return parts.join('\n');
}

/** Parses the model's answer; throws invalid-answer unless it is {"pool": one of POOLS}. */
export function parsePoolAnswer(text: string): PoolName {
  let value: unknown;
  try {
    value = JSON.parse(text.trim());
  } catch {
    throw new OllamaClassifierError('invalid-answer', 'answer is not JSON');
  }
  const pool = (value as { pool?: unknown } | null)?.pool;
  if (!isPoolName(pool)) throw new OllamaClassifierError('invalid-answer', 'answer names no pool');
  return pool;
}

/** Classifies with a small model; every failure becomes an OllamaClassifierError (or a cancel). */
export class OllamaPoolClassifier {
  readonly model: string;
  private readonly timeoutMs: number;
  private readonly scheduleTimeout: ScheduleTimeout;

  constructor(private readonly provider: ChatProvider, private readonly options: OllamaClassifierOptions = {}) {
    this.model = options.model ?? DEFAULT_OLLAMA_CLASSIFIER_MODEL;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_OLLAMA_TIMEOUT_MS;
    this.scheduleTimeout = options.scheduleTimeout ?? systemTimeout;
  }

  /**
   * Asks the model for the pool. Throws ProviderError `cancelled` when `signal` aborts,
   * OllamaClassifierError otherwise.
   */
  async classify(request: TriageRequest, signal: AbortSignal): Promise<PoolName> {
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const cancelTimer = this.scheduleTimeout(this.timeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    try {
      if (signal.aborted) controller.abort();
      let text = '';
      for await (const event of this.provider.streamChat({
        model: this.model,
        system: OLLAMA_SYSTEM_PROMPT,
        messages: [{ role: 'user', content: userMessage(request, this.options.examples, this.options.exampleCount) }],
        maxOutputTokens: 16,
        temperature: 0,
        jsonSchema: POOL_SCHEMA,
        signal: controller.signal,
        timeoutMs: this.timeoutMs,
      })) {
        if (event.type === 'delta') text += event.text;
        if (text.length > 200) break;
      }
      if (signal.aborted) throw new ProviderError('cancelled', 'classification cancelled');
      if (timedOut) throw new OllamaClassifierError('timeout', `no answer within ${this.timeoutMs} ms`);
      return parsePoolAnswer(text);
    } catch (error) {
      if (signal.aborted) throw new ProviderError('cancelled', 'classification cancelled', { cause: error });
      if (error instanceof OllamaClassifierError) throw error;
      if (timedOut) throw new OllamaClassifierError('timeout', `no answer within ${this.timeoutMs} ms`);
      if (isProviderError(error)) {
        if (error.kind === 'timeout') throw new OllamaClassifierError('timeout', 'provider timed out');
        if (error.kind === 'unavailable' || error.kind === 'not-found') throw new OllamaClassifierError('unreachable', `provider ${error.kind}`);
        if (error.kind === 'malformed') throw new OllamaClassifierError('invalid-answer', 'provider answer malformed');
        throw new OllamaClassifierError('error', `provider error ${error.kind}`);
      }
      throw new OllamaClassifierError('unreachable', 'provider call failed');
    } finally {
      cancelTimer();
      signal.removeEventListener('abort', onAbort);
    }
  }
}
