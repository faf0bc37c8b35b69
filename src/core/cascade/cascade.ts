// The cascade: walks a pool's models in order, skips what cannot help, escalates on failure, ends at the local fallback.

import type { BudgetHold, BudgetVerdict } from '../budget/budgetGuard';
import type { RequestOutcome } from '../ledger/ledgerRecord';
import type { ChatProvider, TokenUsage } from '../ports';
import { estimateInputTokens, estimateTokens } from '../pricing/estimateTokens';
import { estimateCallCost, priceCall } from '../pricing/pricing';
import { isProviderError } from '../providerError';
import type { ProviderError } from '../providerError';
import { formatModelRef } from '../request';
import { checkAnswer } from './answerCheck';
import type { AttemptOutcome, AttemptRecord } from './attemptRecord';
import { downwardChain, localChain, upwardChain } from './candidates';
import type { Candidate } from './candidates';
import type { CascadeDeps, CascadeInput, CascadeResult } from './cascadeTypes';
import { exhaustedMessage } from './failureMessages';
import { ANSWER_CAP_CHARS, runAttempt } from './runAttempt';
import type { AttemptRun } from './runAttempt';
import { ERROR_ACTIONS } from './signals';

/** What an attempt was billed. */
type Billed = Pick<AttemptRecord, 'usage' | 'costMicros' | 'unpriced' | 'estimated'>;

type Prepared = { readonly provider: ChatProvider; readonly hold?: BudgetHold } | 'skip' | CascadeResult;

/** Runs the cascade for one request. Never throws; every failure is in the result. */
export function runCascade(input: CascadeInput, deps: CascadeDeps): Promise<CascadeResult> {
  return new CascadeRun(input, deps).run();
}

class CascadeRun {
  private queue: Candidate[];
  private readonly tried = new Set<string>();
  /** Models a stronger retry passes over. */
  private readonly avoided: ReadonlySet<string>;
  /** A retry asking for a stronger model: it does not end at the local fallback. */
  private readonly strongerRetry: boolean;
  /** Whether calls ask providers to cache the prompt (and budget estimates price the write). */
  private readonly cachesPrompt: boolean;
  private readonly attempts: AttemptRecord[] = [];
  private readonly holds: BudgetHold[] = [];
  private readonly inputTokens: number;
  private localOnly: boolean;
  private budgetMode = false;
  private escalated = false;
  private budgetDowngraded = false;
  private contextFloor = 0;

  constructor(
    private readonly input: CascadeInput,
    private readonly deps: CascadeDeps,
  ) {
    this.queue = upwardChain(input.settings.pools, input.startPool);
    this.avoided = new Set(input.request.avoidModels ?? []);
    this.strongerRetry = input.request.avoidModels !== undefined;
    // A chat that has gone on once will likely go on: the next turn resends this prompt as its prefix. A first
    // question, an edit or a review is often the last, and a cache write costs more than plain input.
    this.cachesPrompt = input.request.kind === 'chat' && (input.request.conversation?.length ?? 0) >= 2;
    this.localOnly = input.privacy;
    this.inputTokens = estimateInputTokens(input.prompt.system, input.prompt.messages);
  }

  async run(): Promise<CascadeResult> {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      if (this.input.signal.aborted) return this.result('cancelled', '');
      const key = formatModelRef(next.ref);
      if (this.tried.has(key) || this.avoided.has(key) || (this.strongerRetry && next.pool === 'fallback')) continue;
      const prepared = await this.prepare(next);
      if (prepared === 'skip') continue;
      if ('outcome' in prepared) return prepared;
      const done = await this.attempt(next, prepared.provider, prepared.hold);
      if (done) return done;
    }
    if (this.input.signal.aborted) return this.result('cancelled', '');
    return this.result('failed', '', { failure: exhaustedMessage(this.attempts, this.input.privacy, this.budgetMode, this.input.settings.pools.fallback) });
  }

  private async prepare(c: Candidate): Promise<Prepared> {
    const key = formatModelRef(c.ref);
    let provider: ChatProvider | undefined;
    try {
      provider = await this.deps.providers.get(c.ref.provider);
    } catch (error) {
      if (isProviderError(error) && error.kind === 'auth') return this.skipForAuth(c);
      return this.skip(c, 'skipped-no-provider', 'provider could not start');
    }
    if (!provider) return this.skip(c, 'skipped-no-provider', 'provider not configured');
    if (this.localOnly && !provider.isLocal) return 'skip';
    if (this.deps.gate.isRejected(c.ref.provider)) return this.skip(c, 'skipped-auth', 'key missing or rejected');
    // Local Ollama is never skipped for a block of any kind (a 503 "busy" included): the final fallback, and every
    // request kept local for privacy, must always get its try.
    const block = provider.isLocal ? undefined : this.deps.rateLimits.blocked(c.ref);
    if (block) {
      const seconds = Math.ceil((block.until - this.deps.clock.now()) / 1000);
      return this.skip(c, 'skipped-rate-limit', `${block.scope === 'provider' ? 'provider busy' : 'rate-limited'}, retry in ${seconds} s`);
    }
    const window = this.input.settings.pools.models[key]?.contextWindow;
    if (window !== undefined && (window < this.need() || window <= this.contextFloor)) {
      return this.skip(c, 'skipped-context', `needs ~${this.need()} tokens, window ${window}`);
    }
    if (provider.isLocal || !this.deps.budget.active) return { provider };
    const { prices } = this.input.settings.pricing;
    const estimate = estimateCallCost(prices, c.ref, false, this.inputTokens, this.input.prompt.maxOutputTokens, this.deps.clock.now(), this.cachesPrompt);
    const verdict = await this.deps.budget.check(estimate, this.deps.clock.now());
    if (!verdict.ok) return this.overBudget(c, verdict);
    const hold = this.deps.budget.hold(estimate.micros);
    this.holds.push(hold);
    return { provider, hold };
  }

  private async attempt(c: Candidate, provider: ChatProvider, hold: BudgetHold | undefined): Promise<CascadeResult | undefined> {
    const { request, prompt, signal, emit, settings } = this.input;
    const { clock } = this.deps;
    const key = formatModelRef(c.ref);
    const thinking = settings.pools.models[key]?.thinking;
    this.tried.add(key);
    emit({ type: 'attempt-start', model: key, pool: c.pool });
    const started = clock.now();
    const call = {
      model: c.ref.model,
      system: prompt.system,
      messages: prompt.messages,
      maxOutputTokens: prompt.maxOutputTokens,
      signal,
      ...(prompt.jsonSchema ? { jsonSchema: prompt.jsonSchema } : {}),
      ...(this.cachesPrompt ? { cachePrompt: true } : {}),
      ...(thinking ? { thinking } : {}),
    };
    const onDelta = request.kind === 'chat' ? (text: string) => emit({ type: 'delta', text }) : undefined;
    // Rate-limit headers are learned when the response starts: a slow answer announcing "0 left" must stop the next request now.
    const run = await runAttempt(provider, call, clock, onDelta, (snapshot) => this.deps.rateLimits.noteSuccess(c.ref, snapshot));
    const ms = clock.now() - started;
    const firstToken = run.firstTokenAt === undefined ? {} : { firstTokenAt: run.firstTokenAt };
    if (!run.ok) {
      const billed = this.brokenBill(c, provider.isLocal, run, started);
      hold?.set(billed?.costMicros ?? 0);
      this.record(c, run.error.kind, ms, billed);
      if (run.error.kind === 'cancelled') return this.result('cancelled', run.text, firstToken);
      if (run.emitted) {
        const why = 'capped' in run ? `passed ${ANSWER_CAP_CHARS.toLocaleString('en-US')} characters, the most Triage keeps of one answer, and was cut off there` : `broke off (${run.error.kind}) after it had begun`;
        return this.result('failed', run.text, { ...firstToken, failure: `The answer from ${key} ${why}, so no other model was tried.` });
      }
      this.afterError(c, run.error, provider.isLocal);
      return undefined;
    }
    const usage = run.done.usage;
    const cost = priceCall(settings.pricing.prices, c.ref, provider.isLocal, usage, started);
    hold?.set(cost.micros);
    if (cost.unpriced) this.tellUnpriced(key);
    const billed = { usage, costMicros: cost.micros, unpriced: cost.unpriced };
    if (run.emitted) {
      const filtered = run.done.finishReason === 'refusal' || run.done.finishReason === 'content-filter';
      this.record(c, filtered ? 'refusal' : 'ok', ms, billed);
      if (filtered) return this.result('failed', run.text, { ...firstToken, failure: `${key} stopped its answer (content filter or refusal) after it had begun.` });
      return this.result('ok', run.text, { ...firstToken, answer: { kind: 'chat', text: run.text }, served: { model: key, pool: c.pool, usage } });
    }
    const check = await checkAnswer(request, run.text, run.done.finishReason, this.deps.codeParser);
    this.record(c, check.ok ? 'ok' : check.outcome, ms, billed);
    if (!check.ok) return undefined;
    return this.result('ok', run.text, { ...firstToken, answer: check.answer, served: { model: key, pool: c.pool, usage } });
  }

  /**
   * What a failed call is billed, as the provider bills a broken or cancelled stream: the usage it reported (Anthropic's
   * message_start: the input), else the prompt's estimate once text came; output at least the estimate of the text
   * received. Nothing when neither usage nor text arrived (the call may never have reached the model).
   */
  private brokenBill(c: Candidate, isLocal: boolean, run: Extract<AttemptRun, { ok: false }>, started: number): Billed | undefined {
    if (!run.reported && run.text === '') return undefined;
    const received = estimateTokens(run.text);
    const usage: TokenUsage = run.reported
      ? { ...run.reported, outputTokens: run.reportedFinal ? run.reported.outputTokens : Math.max(run.reported.outputTokens, received) }
      : { inputTokens: this.inputTokens, cachedInputTokens: 0, outputTokens: received };
    const cost = priceCall(this.input.settings.pricing.prices, c.ref, isLocal, usage, started);
    if (cost.unpriced) this.tellUnpriced(formatModelRef(c.ref));
    return { usage, costMicros: cost.micros, unpriced: cost.unpriced, ...(run.reportedFinal ? {} : { estimated: true as const }) };
  }

  private afterError(c: Candidate, error: ProviderError, isLocal: boolean): void {
    // A cloud endpoint that refused or reset the connection (or answered 5xx) is down for its other models too:
    // skip it briefly. Local Ollama is exempt: the final fallback must always get its try.
    if (error.kind === 'unavailable' && !isLocal) this.deps.rateLimits.noteUnreachable(c.ref, error.retryAfterMs);
    switch (ERROR_ACTIONS[error.kind]) {
      case 'next-block-model':
        this.deps.rateLimits.noteRateLimited(c.ref, error.retryAfterMs);
        break;
      case 'next-block-provider':
        this.deps.rateLimits.noteOverloaded(c.ref, error.retryAfterMs);
        break;
      case 'next-skip-provider':
        this.deps.gate.reject(c.ref.provider);
        this.tellMissingKey(c.ref.provider);
        break;
      case 'next-larger-context':
        this.preferLargerContext(c);
        break;
      case 'next':
      case 'stop':
        break;
    }
  }

  private preferLargerContext(failed: Candidate): void {
    const models = this.input.settings.pools.models;
    this.contextFloor = Math.max(this.contextFloor, models[formatModelRef(failed.ref)]?.contextWindow ?? 0);
    const needed = Math.max(this.contextFloor, this.need());
    const larger = (c: Candidate) => (models[formatModelRef(c.ref)]?.contextWindow ?? 0) > needed;
    this.queue = [...this.queue.filter(larger), ...this.queue.filter((c) => !larger(c))];
  }

  private overBudget(c: Candidate, verdict: Exclude<BudgetVerdict, { ok: true }>): Prepared {
    const mode = this.input.settings.onExceed;
    const wasDowngraded = this.budgetDowngraded;
    this.budgetDowngraded = true;
    this.skip(c, 'skipped-budget', verdict.period === 'unpriced' ? 'no price to check budget' : `over ${verdict.period === 'day' ? 'daily' : 'monthly'} budget`);
    const then = mode === 'downgrade' ? 'trying cheaper models' : mode === 'local' ? 'using local models only' : 'request stopped (triage.budget.onExceed is "block")';
    const message = `Budget: ${c.ref.model}: ${verdict.message} — ${then}.`;
    if (!wasDowngraded || mode === 'block') this.input.emit({ type: 'notice', notice: { kind: 'budget-exceeded', message } });
    if (mode === 'block') return this.result('failed', '', { failure: message });
    // A stronger model was asked for: a cheaper or local answer is not that, so say why instead.
    if (this.strongerRetry) return this.result('failed', '', { failure: `Budget: ${c.ref.model}: ${verdict.message} — no stronger model was tried.` });
    this.budgetMode = true;
    if (mode === 'local') {
      this.localOnly = true;
      this.queue = localChain(this.input.settings.pools);
    } else {
      this.queue = [...this.queue.filter((q) => q.pool === c.pool), ...downwardChain(this.input.settings.pools, c.pool)];
    }
    return 'skip';
  }

  private skipForAuth(c: Candidate): 'skip' {
    this.deps.gate.reject(c.ref.provider);
    this.tellMissingKey(c.ref.provider);
    return this.skip(c, 'skipped-auth', 'key missing or rejected');
  }

  private skip(c: Candidate, outcome: AttemptOutcome, detail: string): 'skip' {
    this.tried.add(formatModelRef(c.ref));
    this.record(c, outcome, 0, undefined, detail);
    return 'skip';
  }

  private record(c: Candidate, outcome: AttemptOutcome, ms: number, billed?: Billed, detail?: string): void {
    if (c.pool !== this.input.startPool && !this.budgetMode) this.escalated = true;
    const attempt: AttemptRecord = {
      model: formatModelRef(c.ref),
      pool: c.pool,
      outcome,
      ms,
      costMicros: billed?.costMicros ?? 0,
      unpriced: billed?.unpriced ?? false,
      ...(billed?.usage ? { usage: billed.usage } : {}),
      ...(billed?.estimated ? { estimated: true as const } : {}),
      ...(detail ? { detail } : {}),
    };
    this.attempts.push(attempt);
    this.input.emit({ type: 'attempt-end', attempt });
  }

  private tellMissingKey(provider: string): void {
    if (!this.deps.gate.shouldTell(provider)) return;
    const message = `The ${provider} API key is missing or was rejected. Triage skips ${provider} models until a valid key is set.`;
    this.input.emit({ type: 'notice', notice: { kind: 'missing-key', message, provider } });
  }

  private tellUnpriced(model: string): void {
    const key = `unpriced:${model}`;
    if (this.deps.noticesGiven.has(key)) return;
    this.deps.noticesGiven.add(key);
    const message = `${model} has no price, so its cost is shown as unknown. Add it under triage.prices.`;
    this.input.emit({ type: 'notice', notice: { kind: 'unpriced', message } });
  }

  private need(): number {
    return this.inputTokens + this.input.prompt.maxOutputTokens;
  }

  private result(outcome: RequestOutcome, text: string, extra: Partial<Pick<CascadeResult, 'answer' | 'served' | 'firstTokenAt' | 'failure'>> = {}): CascadeResult {
    return { outcome, text, ...extra, attempts: this.attempts, escalated: this.escalated, budgetDowngraded: this.budgetDowngraded, holds: this.holds };
  }
}
