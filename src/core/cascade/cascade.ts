// The cascade: walks a pool's models in order, skips what cannot help, escalates on failure, ends at the local fallback.

import type { BudgetHold, BudgetVerdict } from '../budget/budgetGuard';
import type { RequestOutcome } from '../ledger/ledgerRecord';
import type { ChatProvider, TokenUsage } from '../ports';
import { estimateInputTokens, estimateTokens } from '../pricing/estimateTokens';
import { estimateCallCost, priceCall } from '../pricing/pricing';
import { isProviderError } from '../providerError';
import type { ProviderError } from '../providerError';
import { capabilitiesOf, filterByCapability, missingCapability } from '../lm/capabilityFilter';
import type { RequestNeeds } from '../lm/capabilityFilter';
import { formatModelRef, hasImages, streamsLikeChat } from '../request';
import { claimCall, refusal } from './admission';
import { checkAnswer } from './answerCheck';
import type { AcceptedAnswer } from './answerCheck';
import type { EditCheckReport, EditChecker } from '../editCheck/editDiagnostics';
import { gateStep, judgeEdit, summarise } from '../editCheck/editGate';
import type { EditCheckSummary, EditVerdict } from '../editCheck/editGate';
import type { AttemptOutcome, AttemptRecord } from './attemptRecord';
import { downwardChain, localChain, upwardChain } from './candidates';
import type { Candidate } from './candidates';
import type { CascadeDeps, CascadeInput, CascadeResult } from './cascadeTypes';
import { cutPromptMessage, exhaustedMessage, localWindowShortfall } from './failureMessages';
import { ANSWER_CAP_CHARS, runAttempt } from './runAttempt';
import type { AttemptRun } from './runAttempt';
import { ERROR_ACTIONS } from './signals';

/** What an attempt was billed. */
type Billed = Pick<AttemptRecord, 'usage' | 'costMicros' | 'unpriced' | 'estimated'>;

type Prepared = { readonly provider: ChatProvider; readonly hold?: BudgetHold } | 'skip' | CascadeResult;

/** A usable edit proposal the gate checked: the one passed over for adding errors, or the one to show. */
interface CheckedEdit {
  readonly model: string;
  readonly verdict: EditVerdict;
  readonly answer: Extract<AcceptedAnswer, { kind: 'edit' }>;
  readonly text: string;
  readonly served: NonNullable<CascadeResult['served']>;
  readonly firstTokenAt?: number;
}

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
  /** The prompt's estimated tokens; raised when a provider showed the prompt is longer (a cut at a known context). */
  private inputTokens: number;
  /** Models already asked again with a larger context after they cut the prompt below their window. */
  private readonly resized = new Set<string>();
  /** The request's tools, for a chat that has some. */
  private readonly tools: CascadeInput['request']['tools'];
  /** What the request needs beyond text; only models whose facts say they take it are tried. */
  private readonly needs: RequestNeeds;
  private localOnly: boolean;
  private budgetMode = false;
  private escalated = false;
  private budgetDowngraded = false;
  private contextFloor = 0;
  /** The proposal the edit gate passed over for adding errors (the one escalation); shown if nothing better comes. */
  private heldEdit: CheckedEdit | undefined;

  constructor(
    private readonly input: CascadeInput,
    private readonly deps: CascadeDeps,
  ) {
    this.queue = upwardChain(input.settings.pools, input.startPool);
    // A tool loop keeps the model that made its calls, from whichever pool; the rest of the chain stays behind it.
    const pin = input.request.preferModel ? upwardChain(input.settings.pools, 'local').find((c) => formatModelRef(c.ref) === input.request.preferModel) : undefined;
    if (pin) this.queue = [pin, ...this.queue.filter((c) => formatModelRef(c.ref) !== input.request.preferModel)];
    this.avoided = new Set(input.request.avoidModels ?? []);
    this.strongerRetry = input.request.avoidModels !== undefined;
    // A chat that has gone on once will likely go on: the next turn resends this prompt as its prefix. A first
    // question, an edit or a review is often the last, and a cache write costs more than plain input.
    // An `lm` request's conversation holds its current message too.
    const turns = input.request.conversation?.length ?? 0;
    this.cachesPrompt = (input.request.kind === 'chat' && turns >= 2) || (input.request.kind === 'lm' && turns >= 3);
    this.localOnly = input.privacy;
    this.tools = streamsLikeChat(input.request.kind) && input.request.tools?.length ? input.request.tools : undefined;
    this.needs = { tools: this.tools !== undefined, images: hasImages(input.prompt.messages) };
    // An agent's tool list is sent with every call and can run to thousands of tokens.
    this.inputTokens = estimateInputTokens(input.prompt.system, input.prompt.messages) + (this.tools ? estimateTokens(JSON.stringify(this.tools)) : 0);
  }

  async run(): Promise<CascadeResult> {
    const unable = this.noModelCan();
    if (unable) return this.result('failed', '', { failure: unable });
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
    // The gate passed over a proposal and no later model gave a usable one: that one is better than none.
    if (this.heldEdit) return this.showEdit(this.heldEdit, this.heldEdit.verdict);
    const tooLong = this.input.privacy ? localWindowShortfall(this.attempts, this.input.settings.pools.models, this.need()) : undefined;
    return this.result('failed', '', { failure: exhaustedMessage(this.attempts, this.input.privacy, this.budgetMode, this.input.settings.pools.fallback, tooLong) });
  }

  /** With tools or an image: when no model the request could reach takes them, say so instead of sending it. */
  private noModelCan(): string | undefined {
    if (!this.needs.tools && !this.needs.images) return undefined;
    const chain = [...new Set(this.queue.map((c) => formatModelRef(c.ref)))].filter((k) => !this.avoided.has(k));
    const choice = filterByCapability(chain, this.needs, (k) => capabilitiesOf(this.input.settings.pools.models[k]));
    return choice.ok ? undefined : choice.message;
  }

  private async prepare(c: Candidate): Promise<Prepared> {
    const key = formatModelRef(c.ref);
    const missing = missingCapability(this.needs, capabilitiesOf(this.input.settings.pools.models[key]));
    if (missing) return this.skip(c, 'skipped-capability', missing);
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
    if (this.deps.gate.isModelRejected(c.ref.provider, key)) return this.skip(c, 'skipped-auth', 'refused Triage or not found before');
    // Rate-limit windows, failure cooldowns and open circuits; never for a local provider (see admission.ts).
    const refused = refusal(this.deps, c.ref, provider.isLocal);
    if (refused) return this.skip(c, refused.outcome, refused.detail);
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
    // Asked again right before sending: while this request awaited its budget check, another may have taken the probe.
    const refused = refusal(this.deps, c.ref, provider.isLocal);
    if (refused) {
      hold?.set(0);
      this.skip(c, refused.outcome, refused.detail);
      return undefined;
    }
    const claim = claimCall(this.deps, c.ref, provider.isLocal);
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
      ...(settings.pools.models[key]?.contextWindow ? { contextWindow: settings.pools.models[key]?.contextWindow } : {}),
      promptTokens: this.inputTokens,
      ...(this.tools ? { tools: this.tools, ...(request.toolMode ? { toolMode: request.toolMode } : {}) } : {}),
    };
    // A chat streams its text as it comes, except when it must call a tool: a text-only answer is then unusable, and
    // the next model can only be tried while nothing has reached the caller.
    const streams = streamsLikeChat(request.kind) && !(this.tools && request.toolMode === 'required');
    const onDelta = streams ? (text: string) => emit({ type: 'delta', text }) : undefined;
    const run = await runAttempt(provider, call, clock, onDelta, claim.watch);
    claim.end(run);
    const ms = clock.now() - started;
    const firstToken = run.firstTokenAt === undefined ? {} : { firstTokenAt: run.firstTokenAt };
    if (!run.ok) {
      const billed = this.brokenBill(c, provider.isLocal, run, started);
      hold?.set(billed?.costMicros ?? 0);
      this.record(c, run.error.kind, ms, billed);
      if (run.error.kind === 'cancelled') return this.result('cancelled', run.text, firstToken);
      // Remembered the same way after the first visible token: the next request must not walk into the same broken model.
      this.afterError(c, run.error, provider.isLocal);
      if (!run.emitted && this.retryWithLargerContext(c, run.error)) return undefined;
      if (run.emitted) {
        if (run.error.kind === 'context-too-long') return this.result('failed', run.text, { ...firstToken, failure: this.cutPrompt(key, run.error) });
        const why = 'capped' in run ? `passed ${ANSWER_CAP_CHARS.toLocaleString('en-US')} characters, the most Triage keeps of one answer, and was cut off there` : `broke off (${run.error.kind}) after it had begun`;
        return this.result('failed', run.text, { ...firstToken, failure: `The answer from ${key} ${why}, so no other model was tried.` });
      }
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
      const toolCalls = run.toolCalls.length > 0 ? { toolCalls: run.toolCalls } : {};
      for (const call of run.toolCalls) emit(call);
      return this.result('ok', run.text, { ...firstToken, answer: { kind: 'chat', text: run.text, ...toolCalls }, served: { model: key, pool: c.pool, usage } });
    }
    const check = await checkAnswer(request, run.text, run.done.finishReason, this.deps.codeParser, this.tools ? run.toolCalls : []);
    // Held-back text of a chat (toolMode required) reaches the caller only now that the answer is accepted.
    if (check.ok && streamsLikeChat(request.kind) && !streams && run.text !== '') emit({ type: 'delta', text: run.text });
    if (check.ok && check.answer.kind === 'edit' && this.input.editChecker) {
      const edit = { model: key, answer: check.answer, text: run.text, served: { model: key, pool: c.pool, usage }, ...firstToken };
      return this.gateEdit(c, this.input.editChecker, edit, ms, billed);
    }
    this.record(c, check.ok ? 'ok' : check.outcome, ms, billed);
    if (!check.ok) return undefined;
    if (check.answer.kind === 'chat') for (const call of check.answer.toolCalls ?? []) emit(call);
    return this.result('ok', run.text, { ...firstToken, answer: check.answer, served: { model: key, pool: c.pool, usage } });
  }

  /**
   * The edit gate: a proposal that adds errors the language server reports is unusable once (held, the next model is
   * asked); after that the next usable proposal is shown, or the held one when it adds fewer errors.
   */
  private async gateEdit(c: Candidate, checker: EditChecker, edit: Omit<CheckedEdit, 'verdict'>, ms: number, billed: Billed): Promise<CascadeResult | undefined> {
    this.input.emit({ type: 'edit-check', model: edit.model });
    const verdict = judgeEdit(await checkSafely(checker, edit.answer.replacement, this.input.signal));
    const step = gateStep(verdict, this.heldEdit?.verdict);
    const n = verdict.newErrors.length;
    this.record(c, step === 'show' ? 'ok' : 'new-errors', ms, billed, n > 0 ? `${n} new error${n === 1 ? '' : 's'}` : undefined);
    if (this.input.signal.aborted) return this.result('cancelled', '');
    const checked: CheckedEdit = { ...edit, verdict };
    const held = this.heldEdit;
    if (step === 'escalate') {
      this.heldEdit = checked;
      return undefined;
    }
    if (step === 'show-held' && held) return this.showEdit(held, summarise(held.verdict, checked, true));
    return this.showEdit(checked, summarise(verdict, held, false));
  }

  private showEdit(edit: CheckedEdit, summary: EditCheckSummary): CascadeResult {
    const firstToken = edit.firstTokenAt === undefined ? {} : { firstTokenAt: edit.firstTokenAt };
    return this.result('ok', edit.text, { ...firstToken, answer: edit.answer, served: edit.served, editCheck: summary });
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
    if (error.options.scope === 'model' && (error.kind === 'auth' || error.kind === 'not-found')) {
      this.deps.gate.rejectModel(c.ref.provider, formatModelRef(c.ref));
      this.tellModelUnavailable(c, error);
      return;
    }
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
        this.preferLargerContext(c, error);
        break;
      case 'next':
      case 'stop':
        break;
    }
  }

  /**
   * A model that cut the prompt at a context below its own window (Ollama, sized from an estimate the text outgrew)
   * is asked once more before any other: the prompt is now known to be longer than that context, so the next call
   * gets a larger one, up to the window.
   */
  private retryWithLargerContext(c: Candidate, error: ProviderError): boolean {
    const key = formatModelRef(c.ref);
    const window = this.input.settings.pools.models[key]?.contextWindow;
    const used = error.options.contextTokens;
    if (error.kind !== 'context-too-long' || used === undefined || window === undefined || window <= used || this.resized.has(key)) return false;
    this.resized.add(key);
    this.tried.delete(key);
    this.queue.unshift(c);
    return true;
  }

  private cutPrompt(key: string, error: ProviderError): string {
    const used = error.options.contextTokens;
    const window = this.input.settings.pools.models[key]?.contextWindow;
    return cutPromptMessage(key, this.input.privacy, used !== undefined && window !== undefined ? { used, window } : undefined);
  }

  private preferLargerContext(failed: Candidate, error: ProviderError): void {
    const models = this.input.settings.pools.models;
    const used = error.options.contextTokens;
    // The prompt did not fit `used` tokens: it holds more than that (the provider's own count when it gave one), whatever the estimate said.
    if (used !== undefined) this.inputTokens = Math.max(this.inputTokens, error.options.promptTokens ?? used + 1);
    const failedWindow = used ?? models[formatModelRef(failed.ref)]?.contextWindow;
    // Without the failed model's window, a model whose window is known is not known to be larger: keep the order.
    if (failedWindow === undefined) return;
    this.contextFloor = Math.max(this.contextFloor, failedWindow);
    const needed = Math.max(this.contextFloor, this.need());
    const larger = (c: Candidate) => (models[formatModelRef(c.ref)]?.contextWindow ?? 0) > needed;
    this.queue = [...this.queue.filter(larger), ...this.queue.filter((c) => !larger(c))];
  }

  private overBudget(c: Candidate, verdict: Exclude<BudgetVerdict, { ok: true }>): Prepared {
    const mode = this.input.settings.onExceed;
    const wasDowngraded = this.budgetDowngraded;
    this.budgetDowngraded = true;
    this.skip(c, 'skipped-budget', verdict.period === 'unpriced' ? 'no price to check budget' : `over ${verdict.period === 'day' ? 'daily' : 'monthly'} budget`);
    // A proposal the edit gate passed over was paid for and is better than none: when the budget stops the request
    // here it is shown (the notice says why no other model was asked), not lost with the request.
    const showHeld = (mode === 'block' || this.strongerRetry) && this.heldEdit !== undefined;
    const then = showHeld
      ? `no other model was asked; the proposal already made is shown`
      : mode === 'downgrade'
        ? 'trying cheaper models'
        : mode === 'local'
          ? 'using local models only'
          : 'request stopped (triage.budget.onExceed is "block")';
    const message = `Budget: ${c.ref.model}: ${verdict.message} — ${then}.`;
    if (!wasDowngraded || mode === 'block' || showHeld) this.input.emit({ type: 'notice', notice: { kind: 'budget-exceeded', message } });
    if (showHeld && this.heldEdit) return this.showEdit(this.heldEdit, this.heldEdit.verdict);
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

  private tellModelUnavailable(c: Candidate, error: ProviderError): void {
    const key = formatModelRef(c.ref);
    if (!this.deps.gate.shouldTellModel(c.ref.provider, key)) return;
    // The adapter's message names the model and why (no permission, blocked, not found); it holds no prompt text.
    const message = `${error.message} Triage skips ${key} until the models on offer or the settings change.`;
    this.input.emit({ type: 'notice', notice: { kind: 'model-unavailable', message } });
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

  private result(outcome: RequestOutcome, text: string, extra: Partial<Pick<CascadeResult, 'answer' | 'served' | 'firstTokenAt' | 'failure' | 'editCheck'>> = {}): CascadeResult {
    return { outcome, text, ...extra, attempts: this.attempts, escalated: this.escalated, budgetDowngraded: this.budgetDowngraded, holds: this.holds };
  }
}

/** The host's check, with a throw (a bug there) taken as "could not check": the syntax check already passed. */
async function checkSafely(checker: EditChecker, replacement: string, signal: AbortSignal): Promise<EditCheckReport> {
  try {
    return await checker.check(replacement, signal);
  } catch {
    return { kind: 'unavailable', reason: 'the check failed' };
  }
}
