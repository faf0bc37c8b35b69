// The typed messages between the host and its webviews (chat view, spend panel), and the view models
// they carry. Imported by both bundles; the host validates every message a webview sends.

/** Pools as the webviews know them (kept in sync with core by a unit test). */
export type PoolView = 'local' | 'quick' | 'coding' | 'reasoning';

/** What the pool picker offers for the next message. */
export type PoolChoice = 'auto' | PoolView;

/** One attempt of the cascade, for "the path taken". */
export interface AttemptView {
  /** `provider:model`. */
  readonly model: string;
  readonly pool: PoolView;
  /** `ok`, or the failure kind (`rate-limit`, `timeout`, `empty`, `refusal`, `skipped-rate-limit`, …). */
  readonly outcome: string;
  readonly ms: number;
}

/** What is shown under every answer. */
export interface AnswerMetaView {
  readonly pool: PoolView;
  /** `provider:model` that served. */
  readonly model: string;
  readonly costMicros: number;
  /** True when the model has no price: cost is shown as unknown, never as free. */
  readonly unpriced: boolean;
  readonly latencyMs: number;
  /** Why this pool: classifier reason and confidence, or "your choice". */
  readonly reason: string;
  readonly source: 'embedded' | 'ollama' | 'privacy' | 'user';
  readonly confidence: number;
  readonly attempts: readonly AttemptView[];
  /** Answer came from the demo fakes, not a real model. */
  readonly demo: boolean;
  /** A model stronger than the ones that answered is configured, so "ask a stronger model" can go somewhere. */
  readonly strongerAvailable?: boolean;
  /** The pool the request was routed to (classifier, follow-up floor or the user's pick), before any escalation. */
  readonly routedPool?: PoolView;
  /** Served from the response cache: nothing was sent, nothing billed; `model` is the one that first answered. */
  readonly cached?: boolean;
  /** A cached answer stored for a differently worded question meaning the same (the meaning cache). */
  readonly cacheMatch?: 'meaning';
  /** A cached answer whose request is still in memory, so "Ask again fresh" can send it (cleared after a reload). */
  readonly freshAvailable?: boolean;
  /** The chat's older turns went to the paid model as this local summary (shown on request). */
  readonly historySummary?: { readonly summary: string; readonly turns: number };
}

/** One message in the chat transcript. */
export interface ChatEntryView {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  /** Markdown for the assistant, plain text for the user. */
  readonly text: string;
  readonly state: 'streaming' | 'done' | 'failed' | 'cancelled';
  readonly error?: string;
  readonly meta?: AnswerMetaView;
  /** For a user message sent with the selection attached: a label like `sample.ts:1-3`. */
  readonly attachment?: string;
  /** Assistant entries and retry notes: the id of the user message this answers (a stronger retry answers the original question). */
  readonly replyTo?: string;
  /** A line Triage wrote, not a turn of the conversation: a stronger-model retry, a review summary. Never sent to a model. */
  readonly note?: 'retry' | 'summary';
}

/** The chat view's whole state; the host owns it and sends it on `ready` and after big changes. */
export interface ChatSnapshot {
  readonly entries: readonly ChatEntryView[];
  readonly pool: PoolChoice;
  readonly busy: boolean;
  /** Label of the current editor selection that can be attached, if any. */
  readonly selectionLabel?: string;
  readonly demo: boolean;
}

/** A day of spend split by pool, µ$. */
export interface DaySpendView {
  /** `YYYY-MM-DD`, local time. */
  readonly day: string;
  readonly byPool: Readonly<Record<PoolView, number>>;
}

/** A row of a "by X" breakdown. */
export interface BreakdownRowView {
  readonly key: string;
  readonly costMicros: number;
  readonly requests: number;
  /** The pool whose colour the bar takes (by pool: itself; by model or kind: the pool that spent most there). */
  readonly pool?: PoolView;
}

/** A budget and how much of it is used. */
export interface BudgetGaugeView {
  readonly label: 'Today' | 'This month';
  readonly limitMicros: number;
  readonly spentMicros: number;
  readonly warnAtFraction: number;
}

/** One health reading, already in words (the panel's health row). */
export interface HealthRowView {
  readonly metric: string;
  readonly label: string;
  readonly value: string;
  readonly limit: string;
  readonly crossed: boolean;
  /** The sentence a notification shows for it. */
  readonly text: string;
}

/** Routing health over the last days (real requests only), judged once enough requests are in it. */
export interface HealthView {
  readonly days: number;
  readonly requests: number;
  readonly minRequests: number;
  readonly tooFew: boolean;
  readonly rows: readonly HealthRowView[];
  /** The metric an alert opened the panel for: shown first and highlighted. */
  readonly focus?: string;
}

/** One pool's or model's quality over the period. Rates are for the view to derive: no sample means "—", never 0%. */
export interface QualityRowView {
  readonly key: string;
  /** The pool (for a model: the pool it was tried for most), for its colour. */
  readonly pool: PoolView;
  /** Answered requests, and their cost. */
  readonly requests: number;
  readonly costMicros: number;
  /** Requests given an edit or review-fix verdict, and how many of them the user kept. */
  readonly judged: number;
  readonly accepted: number;
  /** Requests the user asked again (a stronger model, the same edit re-run). */
  readonly retried: number;
}

/** The Quality section: acceptance and retries beside cost per request, per serving pool and per model. */
export interface QualityView {
  readonly byPool: readonly QualityRowView[];
  readonly byModel: readonly QualityRowView[];
  /** Judged requests whose signals do not say which request they were (counted nowhere). */
  readonly unknownRequests: number;
}

/** One arm of a pool experiment. */
export interface ExperimentArmView {
  readonly arm: 'control' | 'alternative';
  readonly requests: number;
  /** Mean cost of a request, micro-dollars (fractional). */
  readonly costPerRequestMicros: number;
  readonly judged: number;
  readonly accepted: number;
  readonly retried: number;
  /** Answered requests, and their mean latency in ms. */
  readonly answered: number;
  readonly meanLatencyMs: number;
}

/** A pool experiment's comparison, as the End Experiment command words it. */
export interface ExperimentView {
  readonly id: string;
  /** `coding: openai:gpt-6-mini for 20%`; absent when the experiment is no longer in the settings. */
  readonly description?: string;
  /** `running`, `ended on 2026-12-04`, `starts on …`, `no longer in your settings`. */
  readonly status: string;
  readonly advice: 'adopt' | 'keep' | 'wait';
  readonly verdict: string;
  readonly arms: readonly ExperimentArmView[];
  /** Which differences are real (their 95% interval excludes zero), by metric. */
  readonly real: Readonly<Record<'cost per request' | 'acceptance' | 'retry rate' | 'latency', boolean>>;
}

/** A recent request, for the table. */
export interface RecentRequestView {
  readonly time: string;
  readonly kind: 'edit' | 'review' | 'chat' | 'lm';
  /** Kind `lm`: the extension that asked, when VS Code said. */
  readonly caller?: string;
  readonly pool: PoolView;
  readonly model: string;
  readonly costMicros: number;
  readonly unpriced: boolean;
  /** The cost is estimated: a stream broke before the provider's final count. */
  readonly estimated: boolean;
  readonly latencyMs: number;
  readonly outcome: 'ok' | 'failed' | 'cancelled';
  readonly escalated: boolean;
}

/** The time range the spend panel shows. */
export type SpendRange = 'today' | '7d' | '30d' | 'all';

/** Everything the spend panel draws. */
export interface SpendReportView {
  readonly range: SpendRange;
  readonly totals: {
    readonly requests: number;
    readonly costMicros: number;
    /** What the premium baseline model would have cost for the same tokens. */
    readonly baselineMicros: number;
    readonly baselineModel: string;
    readonly savedMicros: number;
    /** 0–100. */
    readonly savedPercent: number;
    /** 0–1. */
    readonly escalationRate: number;
    /** The user's "ask a stronger model" retries, apart from automatic escalations. */
    readonly strongerRetries: number;
    readonly strongerRetryRate: number;
    /** Requests answered from the response cache, and what their original answers cost (what the cache saved). */
    readonly cacheHits: number;
    readonly cacheSavedMicros: number;
    readonly failureRate: number;
    readonly unpricedRequests: number;
  };
  /**
   * Which requests the figures are: `real` ones, or `demo` ones (served by the local fakes in demo mode, with
   * illustrative prices, never billed). The two are never summed together; `other` counts the side not shown.
   */
  readonly view: 'real' | 'demo';
  readonly other: { readonly requests: number; readonly costMicros: number };
  readonly byDay: readonly DaySpendView[];
  readonly byModel: readonly BreakdownRowView[];
  readonly byKind: readonly BreakdownRowView[];
  readonly byPool: readonly BreakdownRowView[];
  readonly budgets: readonly BudgetGaugeView[];
  readonly recent: readonly RecentRequestView[];
  /** Ledger lines that could not be read (corrupt or truncated), skipped but counted. */
  readonly skippedLines: number;
  /** Health row: the alert thresholds against the last 7 days, whatever range is shown. */
  readonly health?: HealthView;
  /** Quality section over the range (absent: the signals were not read). */
  readonly quality?: QualityView;
  /** Each experiment in the settings, and any no longer set that had requests in the range; each over its whole run. */
  readonly experiments?: readonly ExperimentView[];
}

/** Messages the chat view sends. */
export type ChatViewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly text: string; readonly pool: PoolChoice; readonly attachSelection: boolean }
  | { readonly type: 'stop' }
  | { readonly type: 'retryStronger'; readonly entryId: string }
  /** Ask a cached answer's question again, skipping the cache (the new answer replaces the cached one). */
  | { readonly type: 'askFresh'; readonly entryId: string }
  | { readonly type: 'setPool'; readonly pool: PoolChoice }
  /** `entryId`: the answer the code block is in, so the host can note that the answer was used. */
  | { readonly type: 'copyCode'; readonly code: string; readonly entryId?: string }
  | { readonly type: 'insertCode'; readonly code: string; readonly entryId?: string }
  | { readonly type: 'clear' };

/** Messages the host sends to the chat view. */
export type HostToChatView =
  | { readonly type: 'snapshot'; readonly snapshot: ChatSnapshot }
  | { readonly type: 'delta'; readonly entryId: string; readonly text: string }
  /** A new or changed entry; a new one goes right after entry `after` when given (a stronger retry under the answer it retries), else at the end. */
  | { readonly type: 'entry'; readonly entry: ChatEntryView; readonly after?: string }
  | { readonly type: 'status'; readonly text: string }
  /** The editor selection that can be attached changed (cheap: no transcript). */
  | { readonly type: 'selection'; readonly label?: string };

/** Messages the spend panel sends. */
export type SpendViewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'setRange'; readonly range: SpendRange }
  | { readonly type: 'exportCsv' };

/** Messages the host sends to the spend panel. */
export type HostToSpendView = { readonly type: 'report'; readonly report: SpendReportView };

const POOL_CHOICES: readonly PoolChoice[] = ['auto', 'local', 'quick', 'coding', 'reasoning'];
const RANGES: readonly SpendRange[] = ['today', '7d', '30d', 'all'];
/** Longest text a webview may send in one message (protects the host from a runaway view). */
export const MAX_MESSAGE_TEXT = 100_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function boundedString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_MESSAGE_TEXT;
}

function isEntryId(value: unknown): value is string {
  return typeof value === 'string' && value.length < 100;
}

function isPoolChoice(value: unknown): value is PoolChoice {
  return typeof value === 'string' && (POOL_CHOICES as readonly string[]).includes(value);
}

/** Narrows a value the chat view posted to a well-formed message, or undefined (ignored and logged). */
export function parseChatViewMessage(value: unknown): ChatViewToHost | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'stop':
    case 'clear':
      return { type: value.type };
    case 'send':
      return boundedString(value.text) && value.text.trim() !== '' && isPoolChoice(value.pool) && typeof value.attachSelection === 'boolean'
        ? { type: 'send', text: value.text, pool: value.pool, attachSelection: value.attachSelection }
        : undefined;
    case 'retryStronger':
    case 'askFresh':
      return isEntryId(value.entryId) ? { type: value.type, entryId: value.entryId } : undefined;
    case 'setPool':
      return isPoolChoice(value.pool) ? { type: 'setPool', pool: value.pool } : undefined;
    case 'copyCode':
    case 'insertCode':
      if (!boundedString(value.code)) return undefined;
      return isEntryId(value.entryId) ? { type: value.type, code: value.code, entryId: value.entryId } : { type: value.type, code: value.code };
    default:
      return undefined;
  }
}

/** Narrows a value the spend panel posted to a well-formed message, or undefined. */
export function parseSpendViewMessage(value: unknown): SpendViewToHost | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'exportCsv':
      return { type: value.type };
    case 'setRange':
      return typeof value.range === 'string' && (RANGES as readonly string[]).includes(value.range)
        ? { type: 'setRange', range: value.range as SpendRange }
        : undefined;
    default:
      return undefined;
  }
}
