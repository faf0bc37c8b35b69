// What the router tells the editor while it works (events) and when it is done (result).

import type { AcceptedAnswer } from './cascade/answerCheck';
import type { EditChecker } from './editCheck/editDiagnostics';
import type { EditCheckSummary } from './editCheck/editGate';
import type { ExperimentTag } from './experiments/experiments';
import type { AttemptRecord, CandidatePool } from './cascade/attemptRecord';
import type { Classification } from './classifier/classification';
import type { Compaction } from './conversation/compaction';
import type { RequestOutcome } from './ledger/ledgerRecord';
import type { TokenUsage } from './ports';
import type { ToolCallPart } from './request';

/** Why the user is being told something. */
export type NoticeKind =
  | 'privacy'
  | 'missing-key'
  | 'budget-warning'
  | 'budget-exceeded'
  | 'unpriced'
  | 'classifier-failed'
  | 'ledger-failed'
  /** A model another extension offers (`vscode-lm`) refused Triage (no permission, blocked) or is gone: skipped from now on. */
  | 'model-unavailable';

/** A message for the user, in plain words; never holds prompt text or keys. */
export interface Notice {
  readonly kind: NoticeKind;
  readonly message: string;
  /** The provider concerned, for `missing-key`. */
  readonly provider?: string;
  /** A way out the editor can offer: ask the same question again without the conversation before it. */
  readonly action?: 'send-without-history';
}

/**
 * Progress events, in order: classified, then per attempt start → deltas (chat only) → end, notices anywhere. A chat
 * answer's tool calls come after its attempt-end, once the answer is accepted (never from a model that was passed over).
 */
export type RouteEvent =
  | { readonly type: 'classified'; readonly classification: Classification }
  | { readonly type: 'attempt-start'; readonly model: string; readonly pool: CandidatePool }
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'attempt-end'; readonly attempt: AttemptRecord }
  /** The edit gate is checking `model`'s proposal (before that attempt's end, whose outcome depends on it). */
  | { readonly type: 'edit-check'; readonly model: string }
  | { readonly type: 'notice'; readonly notice: Notice }
  | ToolCallPart;

/** Everything the editor needs once a request is over. */
export interface RouteResult {
  /** The request's id, as its ledger record has it: what quality signals about this answer point at. */
  readonly requestId?: string;
  /** The accepted answer's text; for a chat that failed midway, what was shown before it broke. */
  readonly text: string;
  /** The parsed answer (edit replacement, review findings), when one was accepted. */
  readonly answer?: AcceptedAnswer;
  /** The edit gate's verdict on the proposal in `answer` (language server diagnostics), when it ran. */
  readonly editCheck?: EditCheckSummary;
  readonly classification: Classification;
  readonly attempts: readonly AttemptRecord[];
  /** `provider:model` that served the answer. */
  readonly servedBy?: string;
  readonly servedPool?: CandidatePool;
  /** Tokens summed over all attempts. */
  readonly usage: TokenUsage;
  /** Cost summed over all attempts, in micro-dollars. */
  readonly costMicros: number;
  /** True when a paid model without a price ran: the real cost is higher than `costMicros`. */
  readonly unpriced: boolean;
  /** What the premium baseline model would have charged for the serving attempt's tokens. */
  readonly baselineMicros: number;
  readonly outcome: RequestOutcome;
  /** Why it failed, for the user, when `outcome` is `failed`. */
  readonly failure?: string;
  /** From request start to the serving attempt's first token. */
  readonly ttftMs?: number;
  readonly latencyMs: number;
  readonly escalated: boolean;
  readonly budgetDowngraded: boolean;
  /** Served from the response cache at $0 (`servedBy` is the model that first answered; `attempts` is empty). */
  readonly cached?: true;
  /** On a cache hit: what the stored answer cost when it was first asked, i.e. what this hit saved. */
  readonly cacheSavedMicros?: number;
  /** On a hit: `meaning` when the answer was stored for a differently worded question meaning the same; absent for an exact hit. */
  readonly cacheMatch?: 'meaning';
  /** The pool experiment this request took part in, and its arm. */
  readonly experiment?: ExperimentTag;
  /** The chat's older turns were summarised by the local model before this request went out. */
  readonly compaction?: Compaction;
  /** Notices so far; a ledger or budget notice may be added once `TriageRouter.whenRecorded()` resolves. */
  readonly notices: readonly Notice[];
}

/** How the editor calls the router. */
export interface RouteOptions {
  readonly signal: AbortSignal;
  readonly onEvent?: (event: RouteEvent) => void;
  /** For an edit: the editor's check of each proposal against its document (the edit gate); without it only syntax is checked. */
  readonly editChecker?: EditChecker;
}
