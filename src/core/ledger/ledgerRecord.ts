// The ledger's line format (schema v1): one JSON object per request, with no prompt text, selection or key.

import type { AttemptRecord, CandidatePool } from '../cascade/attemptRecord';
import type { ClassificationSource } from '../classifier/classification';
import type { TokenUsage } from '../ports';
import type { PoolName, RequestKind } from '../request';

/** Bumped on any incompatible change; readers skip lines of versions they do not know. */
export const LEDGER_SCHEMA_VERSION = 1;

/** How a request ended for the user. */
export type RequestOutcome = 'ok' | 'failed' | 'cancelled';

/** One request as recorded. Money in integer micro-dollars, times in ms. */
export interface LedgerRecord {
  readonly v: typeof LEDGER_SCHEMA_VERSION;
  /** The request's id, which quality signals (`quality-YYYY-MM.jsonl`) point at. Absent on records written before ids. */
  readonly id?: string;
  /** ISO 8601 time the request started. */
  readonly time: string;
  readonly kind: RequestKind;
  /** Classifier setting in force (e.g. `embedded`, `ollama`) and where this verdict came from. */
  readonly classifier: { readonly mode: string; readonly source: ClassificationSource };
  /** The pool chosen, how sure the classifier was, and its short reason. */
  readonly pool: PoolName;
  readonly confidence: number;
  readonly reason: string;
  /** The request held a credential or personal identifier and was kept local. */
  readonly sensitive: boolean;
  /** Every attempt in order, skips included; `detail` is not recorded. */
  readonly attempts: readonly Omit<AttemptRecord, 'detail'>[];
  /** `provider:model` that produced the answer, or null when none did. */
  readonly servedBy: string | null;
  readonly servedPool: CandidatePool | null;
  /** Tokens summed over all attempts, rejected answers included. */
  readonly usage: TokenUsage;
  /** Cost summed over all attempts. */
  readonly costMicros: number;
  /** Some attempt's stream broke before the provider's final count, so its usage and cost are estimated. Absent when false. */
  readonly estimated?: true;
  /** Some attempt ran on a paid model without a price: the true cost is higher than `costMicros`. */
  readonly unpriced: boolean;
  readonly baselineModel: string;
  /** What the baseline model would have charged for the serving attempt's tokens. */
  readonly baselineMicros: number;
  readonly latencyMs: number;
  /** From request start to the serving attempt's first token; null when no token came. */
  readonly ttftMs: number | null;
  readonly outcome: RequestOutcome;
  /** The chosen pool's models failed or were unavailable and the cascade moved on. */
  readonly escalated: boolean;
  /** The budget moved the request to a cheaper pool or to local, or blocked it. */
  readonly budgetDowngraded: boolean;
  /** Served in demo mode by the local fakes: its dollars are illustrative, never billed, and kept out of real totals and budgets. Absent when false. */
  readonly demo?: true;
  /** The user asked a stronger model to answer again (not an automatic escalation). Absent for first asks. */
  readonly retry?: 'stronger';
  /** Served from the response cache (`hit`: the same request; `meaning`: a chat question meaning the same): nothing was sent, cost 0; `baselineMicros` is what the baseline would have charged. Absent otherwise. */
  readonly cache?: 'hit' | 'meaning';
  /** On a cache hit: what the original answer cost, i.e. what the hit saved ("saved by cache"). Absent otherwise. */
  readonly cacheSavedMicros?: number;
  /** Kind `lm`: the extension that called Triage's model (`publisher.name`), when VS Code gave it. Absent otherwise. */
  readonly caller?: string;
  /** The pool experiment (`triage.experiments`) the request took part in, and its arm. Absent otherwise. */
  readonly experiment?: { readonly id: string; readonly arm: 'control' | 'alternative' };
}
