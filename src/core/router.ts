// The one entry point the editor calls: privacy check → classify → cascade (budget per attempt) → ledger → result.

import { BudgetGuard } from './budget/budgetGuard';
import { cacheKeyOf, lookUp, storeAnswer } from './cache/cacheStep';
import type { CacheLookup } from './cache/cacheStep';
import type { MeaningCache } from './cache/meaningCache';
import type { ResponseCache } from './cache/responseCache';
import type { BudgetSettings } from './budget/budgetSettings';
import { runCascade } from './cascade/cascade';
import type { CascadeResult } from './cascade/cascadeTypes';
import { FailureMemory } from './cascade/failureMemory';
import { compactRequest, DEFAULT_COMPACT_ABOVE_TOKENS } from './conversation/compaction';
import { ProviderGate } from './cascade/providerGate';
import { RateLimitMemory } from './cascade/rateLimitMemory';
import type { Classification } from './classifier/classification';
import { assignArm, notRunning, poolsForArm } from './experiments/experiments';
import type { Experiment, ExperimentTag } from './experiments/experiments';
import { dayKey } from './ledger/calendar';
import type { LedgerRecord } from './ledger/ledgerRecord';
import { recordFromResult } from './ledger/recordFromResult';
import type { PoolsConfig } from './pools/poolsConfig';
import type { Clock, CodeParser, LedgerSink, Logger, ProviderLookup, SpendSource, TokenUsage } from './ports';
import { baselineCost } from './pricing/pricing';
import type { PricingConfig } from './pricing/pricing';
import { checkPrivacyAsync, certain, describeSensitive, privacyClassification, userClassification, windowedDetector } from './privacyCheck';
import type { DetectSensitive, PrivacyVerdict } from './privacyCheck';
import { buildPrompt } from './prompts/buildPrompt';
import { redactRequest, restoreAnswer, restoreText, StreamRestorer } from './redaction';
import type { Redaction } from './redaction';
import { formatModelRef, poolRank } from './request';
import type { PoolName, TriageRequest } from './request';
import type { Notice, RouteEvent, RouteOptions, RouteResult } from './routeTypes';
import type { EditChecker } from './editCheck/editDiagnostics';

/** Validated settings in force; read once per request so changes apply to the next one. */
export interface RouterSettings {
  readonly pools: PoolsConfig;
  readonly pricing: PricingConfig;
  readonly budget: BudgetSettings;
  /** The classifier setting (e.g. `embedded`, `ollama`), recorded in the ledger. */
  readonly classifierMode: string;
  /** Pool used when the classifier fails; default `coding`. */
  readonly unclassifiedPool?: PoolName;
  /** Demo mode: the providers are the local fakes; records are marked so their dollars stay out of real totals. */
  readonly demo?: boolean;
  /** `triage.experiments`, validated: alternative model orders served to a share of a pool's requests. */
  readonly experiments?: readonly Experiment[];
  /** `local` (default): a request holding a secret stays on this machine; `redact`: placeholders go out instead. */
  readonly privacyMode?: PrivacyMode;
  /** Response cache time to live (`triage.cache.ttlMinutes`); 0 turns the cache off. Default one day. */
  readonly cacheTtlMinutes?: number;
  /** Embedding model of the meaning cache (`triage.cache.meaning.model`); empty or absent turns it off. */
  readonly meaningModel?: string;
  /** Cosine similarity a question needs to a cached one to get its answer (`triage.cache.meaning.threshold`). */
  readonly meaningThreshold?: number;
  /** History size in estimated tokens above which older chat turns are summarised locally (`triage.chat.compactAboveTokens`); 0 = off. */
  readonly compactAboveTokens?: number;
}

/** What happens to a request holding a secret (setting `triage.privacy.mode`). */
export type PrivacyMode = 'local' | 'redact';

/** Everything the router reaches the world through. */
export interface RouterDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly providers: ProviderLookup;
  /** Called only for requests the privacy check found clean, so it need not scan them again. */
  readonly classify: (request: TriageRequest, signal: AbortSignal) => Promise<Classification>;
  readonly detectSensitive: DetectSensitive;
  readonly ledger: LedgerSink;
  readonly spend: SpendSource;
  readonly settings: () => RouterSettings;
  /** Rejects edits that break the syntax; loaded lazily by its implementation. */
  readonly codeParser?: CodeParser;
  /** Lets the host breathe between windows of a long privacy scan; default a zero timeout (a macrotask). */
  readonly pause?: () => Promise<void>;
  /** The exact response cache; without it nothing is cached. */
  readonly cache?: ResponseCache;
  /** The meaning cache (chat questions without code context); needs `cache`, off without it. */
  readonly meaning?: MeaningCache;
  /** Makes each request's id (ledger record `id`); default: start time and random letters. */
  readonly requestId?: () => string;
}

/** Start time in base 36 and 8 random letters: unique across windows for a person's requests, and sortable by time. */
export function defaultRequestId(nowMs: number, random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 8; i++) tail += Math.floor(random() * 36).toString(36);
  return `${nowMs.toString(36)}-${tail}`;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const ZERO: TokenUsage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };

/**
 * Routes requests. Long-lived: owns the rate-limit memory, the missing-key memory and in-flight budget
 * holds, so what one request learns spares the next a wasted call.
 */
export class TriageRouter {
  /** Which models and providers are inside a rate-limit window. */
  readonly rateLimits: RateLimitMemory;
  /** Which models timed out or broke off lately, and which providers' circuits are open. */
  readonly failures: FailureMemory;
  private readonly gate = new ProviderGate();
  private readonly budget: BudgetGuard;
  private readonly noticesGiven = new Set<string>();
  private writes: Promise<void> = Promise.resolve();
  /** Requests each experiment has taken so far (seeded from the ledger by the host, counted on here). */
  private readonly experimentCounts = new Map<string, number>();

  constructor(private readonly deps: RouterDeps) {
    this.rateLimits = new RateLimitMemory(deps.clock);
    this.failures = new FailureMemory(deps.clock);
    this.budget = new BudgetGuard(() => deps.settings().budget, deps.spend);
  }

  /** Counts of experiments' requests read from the ledger; a count already higher here is kept. */
  seedExperimentCounts(counts: Readonly<Record<string, number>>): void {
    for (const [id, n] of Object.entries(counts)) this.experimentCounts.set(id, Math.max(n, this.experimentCounts.get(id) ?? 0));
  }

  /** The experiment a request to `pool` takes part in today, with its arm; none for a retry or a request kept local. */
  private trial(pool: PoolName, request: TriageRequest, settings: RouterSettings): { experiment: Experiment; tag: ExperimentTag } | undefined {
    const experiment = settings.experiments?.find((e) => e.pool === pool);
    if (!experiment || request.avoidModels !== undefined) return undefined;
    if (notRunning(experiment, dayKey(this.deps.clock.now()), this.experimentCounts.get(experiment.id) ?? 0) !== undefined) return undefined;
    this.experimentCounts.set(experiment.id, (this.experimentCounts.get(experiment.id) ?? 0) + 1);
    const arm = assignArm(experiment, `${request.kind}\u0000${request.instruction}\u0000${request.selection ?? ''}`);
    return { experiment, tag: { id: experiment.id, arm } };
  }

  /** The user set or changed a provider's key: try it again, and tell again if it still fails. */
  keyChanged(providerId: string): void {
    this.gate.forgive(providerId);
  }

  /** Serves one request. Never throws: failures, cancels and budget stops are in the result. */
  async route(request: TriageRequest, options: RouteOptions): Promise<RouteResult> {
    const { clock, logger } = this.deps;
    const startedAt = clock.now();
    const requestId = this.deps.requestId?.() ?? defaultRequestId(startedAt);
    const settings = this.deps.settings();
    const notices: Notice[] = [];
    const emit = (event: RouteEvent) => {
      if (event.type === 'notice') notices.push(event.notice);
      try {
        options.onEvent?.(event);
      } catch (error) {
        logger.warn(`route event handler failed: ${String(error)}`);
      }
    };
    // A 1 MB selection is scanned in windows across ticks (one sync scan of it took 13–80 ms): never sent unscanned.
    const detect = windowedDetector(this.deps.detectSensitive, this.deps.pause ?? nextTask);
    const found = await checkPrivacyAsync(request, detect);
    // Redact mode: what leaves the machine is the request with placeholders; only the answer gets the secrets back.
    const redaction = found.sensitive && settings.privacyMode === 'redact' ? await redactRequest(request, detect) : undefined;
    const sent = redaction?.request ?? request;
    const privacy = redaction ? await checkPrivacyAsync(sent, detect) : found;
    const classification = await this.classification(sent, privacy, settings, options.signal, emit);
    emit({ type: 'classified', classification });
    const sensitive = privacy.sensitive || classification.sensitive;
    if (redaction) emit({ type: 'notice', notice: { kind: 'privacy', message: redactedMessage(found, redaction) } });
    if (sensitive) {
      const action = privacy.onlyInHistory && classification.source === 'privacy' ? { action: 'send-without-history' as const } : {};
      emit({ type: 'notice', notice: { kind: 'privacy', message: privacyMessage(request, privacy), ...action } });
    }
    const caches = this.deps.cache ? { exact: this.deps.cache, ...(this.deps.meaning ? { meaning: this.deps.meaning } : {}) } : undefined;
    const cacheKey = cacheKeyOf(caches?.exact, request, sensitive, classification.pool, settings);
    const lookup: CacheLookup =
      caches && cacheKey && !options.signal.aborted
        ? await lookUp(caches, cacheKey, request, { classification, settings, sensitive, startedAt, now: () => clock.now(), notices, signal: options.signal })
        : {};
    if (lookup.hit) return this.served({ ...lookup.hit, requestId }, request, settings, startedAt, emit);
    // A long chat going to a paid pool: older turns summarised locally. Never when anything in it held a secret.
    const compacted =
      !found.sensitive && !sensitive && classification.pool !== 'local' && !options.signal.aborted
        ? await compactRequest(sent, { providers: this.deps.providers, pools: settings.pools, aboveTokens: settings.compactAboveTokens ?? DEFAULT_COMPACT_ABOVE_TOKENS, signal: options.signal })
        : undefined;
    const toSend = compacted?.request ?? sent;
    const startPool = sensitive ? 'local' : classification.pool;
    // A request kept local for privacy never takes part: its pool is not a choice.
    const trial = sensitive || options.signal.aborted ? undefined : this.trial(startPool, request, settings);
    const ran: CascadeResult = options.signal.aborted
      ? { outcome: 'cancelled', text: '', attempts: [], escalated: false, budgetDowngraded: false, holds: [] }
      : await runCascade(
          {
            request: toSend,
            prompt: buildPrompt(toSend),
            startPool,
            privacy: sensitive,
            settings: { pools: trial ? poolsForArm(settings.pools, trial.experiment, trial.tag.arm) : settings.pools, pricing: settings.pricing, onExceed: settings.budget.onExceed },
            signal: options.signal,
            emit: redaction ? restoringEmit(emit, redaction) : emit,
            ...(options.editChecker && request.kind === 'edit' ? { editChecker: restoringChecker(options.editChecker, redaction) } : {}),
          },
          { ...this.deps, rateLimits: this.rateLimits, failures: this.failures, gate: this.gate, budget: this.budget, noticesGiven: this.noticesGiven },
        );
    const cascade = redaction ? restoreCascade(ran, redaction) : ran;
    const result = { ...this.result(cascade, classification, settings, startedAt), requestId, ...(trial ? { experiment: trial.tag } : {}) };
    const record = recordFromResult(result, {
      kind: request.kind,
      startedAt,
      classifierMode: settings.classifierMode,
      baselineModel: formatModelRef(settings.pricing.baseline),
      demo: settings.demo === true,
      strongerRetry: request.avoidModels !== undefined,
      ...(request.caller ? { caller: request.caller } : {}),
    });
    // The ledger write and the budget check after it run behind the answer, in order: the user waits for neither.
    this.writes = this.writes.then(() => this.record(record, cascade.holds, emit));
    // Stored behind the answer, in the same queue as the ledger write (so tests can await it). A proposal the edit
    // gate showed with new errors is not kept: asked again, the models get another chance.
    if (caches && cacheKey && !options.signal.aborted && result.editCheck?.status !== 'new-errors') {
      const storedAt = clock.now();
      this.writes = this.writes.then(() => storeAnswer(caches, cacheKey, lookup, result, classification.pool, detect, storedAt, logger));
    }
    return { ...result, notices, ...(compacted ? { compaction: compacted.compaction } : {}) };
  }

  /** A cache hit: the answer as one delta for chat, recorded (cost 0, `cache: 'hit'`) behind it. */
  private served(hit: RouteResult, request: TriageRequest, settings: RouterSettings, startedAt: number, emit: (event: RouteEvent) => void): RouteResult {
    if (request.kind === 'chat') emit({ type: 'delta', text: hit.text });
    const context = { kind: request.kind, startedAt, classifierMode: settings.classifierMode, baselineModel: formatModelRef(settings.pricing.baseline), demo: settings.demo === true };
    this.writes = this.writes.then(() => this.record(recordFromResult(hit, context), [], emit));
    return hit;
  }

  private async classification(
    request: TriageRequest,
    privacy: PrivacyVerdict,
    settings: RouterSettings,
    signal: AbortSignal,
    emit: (event: RouteEvent) => void,
  ): Promise<Classification> {
    if (privacy.sensitive) return privacyClassification(privacy);
    if (request.explicitPool) return userClassification(request.explicitPool);
    try {
      return atLeastFollowedPool(await this.deps.classify(request, signal), request.followsPool);
    } catch (error) {
      const pool = settings.unclassifiedPool ?? 'coding';
      if (!signal.aborted) {
        this.deps.logger.warn(`classifier failed: ${String(error)}`);
        emit({ type: 'notice', notice: { kind: 'classifier-failed', message: `The classifier failed, so this request went to the ${pool} pool.` } });
      }
      return atLeastFollowedPool({ pool, probabilities: certain(pool), confidence: 0, reason: 'classifier failed', source: 'embedded', sensitive: false }, request.followsPool);
    }
  }

  /** Resolves once every request routed so far is in the ledger (and its budget warnings were given). */
  whenRecorded(): Promise<void> {
    return this.writes;
  }

  private async record(record: LedgerRecord, holds: CascadeResult['holds'], emit: (event: RouteEvent) => void): Promise<void> {
    try {
      await this.deps.ledger.append(record);
    } catch (error) {
      this.deps.logger.error(`ledger append failed: ${String(error)}`);
      emit({ type: 'notice', notice: { kind: 'ledger-failed', message: 'Triage could not write this request to its spend ledger; spend totals may be low.' } });
    } finally {
      for (const hold of holds) hold.release();
    }
    for (const message of await this.warnings()) emit({ type: 'notice', notice: { kind: 'budget-warning', message } });
  }

  private async warnings(): Promise<string[]> {
    try {
      return await this.budget.warnings(this.deps.clock.now());
    } catch (error) {
      this.deps.logger.warn(`budget warning check failed: ${String(error)}`);
      return [];
    }
  }

  private result(
    cascade: CascadeResult,
    classification: Classification,
    settings: RouterSettings,
    startedAt: number,
  ): RouteResult {
    let usage = ZERO;
    let costMicros = 0;
    for (const a of cascade.attempts) {
      costMicros += a.costMicros;
      if (a.usage) usage = addUsage(usage, a.usage);
    }
    const served = cascade.served;
    return {
      text: cascade.text,
      ...(cascade.answer ? { answer: cascade.answer } : {}),
      ...(cascade.editCheck ? { editCheck: cascade.editCheck } : {}),
      classification,
      attempts: cascade.attempts,
      ...(served ? { servedBy: served.model, servedPool: served.pool } : {}),
      usage,
      costMicros,
      unpriced: cascade.attempts.some((a) => a.unpriced),
      baselineMicros: served ? baselineCost(settings.pricing, served.usage, startedAt) : 0,
      outcome: cascade.outcome,
      ...(cascade.failure ? { failure: cascade.failure } : {}),
      ...(cascade.firstTokenAt === undefined ? {} : { ttftMs: cascade.firstTokenAt - startedAt }),
      latencyMs: this.deps.clock.now() - startedAt,
      escalated: cascade.escalated,
      budgetDowngraded: cascade.budgetDowngraded,
      notices: [],
    };
  }
}

function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
}

/** Deltas with the secrets put back (a placeholder split across deltas is held until it is whole). */
function restoringEmit(emit: (event: RouteEvent) => void, redaction: Redaction): (event: RouteEvent) => void {
  let stream = new StreamRestorer(redaction);
  return (event) => {
    if (event.type === 'attempt-start') stream = new StreamRestorer(redaction);
    if (event.type === 'delta') {
      const text = stream.push(event.text);
      if (text !== '') emit({ type: 'delta', text });
      return;
    }
    if (event.type === 'attempt-end') {
      const rest = stream.flush();
      if (rest !== '') emit({ type: 'delta', text: rest });
    }
    emit(event);
  };
}

/** The editor checks the proposal as it would be applied: with the secrets put back (the check runs on this machine). */
function restoringChecker(checker: EditChecker, redaction: Redaction | undefined): EditChecker {
  if (!redaction) return checker;
  return { check: (replacement, signal) => checker.check(restoreText(replacement, redaction), signal) };
}

function restoreCascade(cascade: CascadeResult, redaction: Redaction): CascadeResult {
  return {
    ...cascade,
    text: restoreText(cascade.text, redaction),
    ...(cascade.answer ? { answer: restoreAnswer(cascade.answer, redaction) } : {}),
  };
}

function redactedMessage(found: PrivacyVerdict, redaction: Redaction): string {
  const names = redaction.secrets.map((s) => s.placeholder);
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ');
  const where = found.onlyInHistory ? 'An earlier message in this conversation contains' : 'This request contains';
  return `${where} ${describeSensitive(found.kinds)}: it was replaced by ${shown} before anything was sent, and put back in the answer on this machine (privacy mode "redact").`;
}

function privacyMessage(request: TriageRequest, privacy: PrivacyVerdict): string {
  const what = describeSensitive(privacy.kinds);
  if (privacy.onlyInHistory) {
    const picked = request.explicitPool && request.explicitPool !== 'local' ? `You chose the ${request.explicitPool} pool, but an` : 'An';
    return `${picked} earlier message in this conversation contains ${what}, and the conversation is sent with each question, so this one is answered only by models on this machine; nothing is sent to a paid provider. To use other models again, send this question without the conversation (Send without history), or clear the conversation (Clear).`;
  }
  const chosen = request.explicitPool && request.explicitPool !== 'local' ? `You chose the ${request.explicitPool} pool, but this` : 'This';
  return `${chosen} request contains ${what}, so it is answered only by models on this machine; it is never sent to a paid provider.`;
}

/** A follow-up is not routed below the pool that answered the turn it follows (its classification alone would read "why?" as quick). */
function atLeastFollowedPool(classification: Classification, followed: PoolName | undefined): Classification {
  if (!followed || classification.sensitive || poolRank(classification.pool) >= poolRank(followed)) return classification;
  return { ...classification, pool: followed, reason: `${classification.reason}; follow-up of a ${followed} answer → ${followed}` };
}
