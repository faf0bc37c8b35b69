// One step of the path a request took through the cascade: which model, what happened, how long, what it cost.

import type { TokenUsage } from '../ports';
import type { ProviderErrorKind } from '../providerError';
import type { PoolName } from '../request';

/** An answer arrived but could not be used. */
/** `no-tool-call`: the request required a tool call (toolMode `required`) and the answer made none. */
/** `new-errors`: the edit gate found the proposal adds errors the language server reports (core/editCheck). */
export type ContentOutcome = 'empty' | 'refusal' | 'truncated' | 'no-code-block' | 'syntax-error' | 'invalid-review' | 'no-tool-call' | 'new-errors';

/** The model was passed over without a call. */
export type SkipOutcome =
  | 'skipped-rate-limit'
  /** A recent timeout or broken answer (cooldown), or the provider's circuit is open. */
  | 'skipped-failing'
  | 'skipped-auth'
  | 'skipped-no-provider'
  | 'skipped-context'
  | 'skipped-budget'
  /** The request has tools or an image and the model's facts do not say it takes them. */
  | 'skipped-capability';

/** How one attempt ended: `ok`, a provider error kind, an unusable answer, or a skip. */
export type AttemptOutcome = 'ok' | ProviderErrorKind | ContentOutcome | SkipOutcome;

/** Where a candidate model came from: one of the pools, or the final local fallback. */
export type CandidatePool = PoolName | 'fallback';

/** One attempt, for the UI's "path taken" and for the ledger. Holds no prompt or answer text. */
export interface AttemptRecord {
  /** `provider:model`. */
  readonly model: string;
  readonly pool: CandidatePool;
  readonly outcome: AttemptOutcome;
  /** Wall time of the attempt; 0 for skips. */
  readonly ms: number;
  /** Billed tokens when the provider reported them (also for answers that were then rejected). */
  readonly usage?: TokenUsage;
  readonly costMicros: number;
  /** A paid model with no price: its cost is unknown, not zero. */
  readonly unpriced: boolean;
  /**
   * The stream broke before the provider's final count: `usage` is what it reported at the start (else the prompt's
   * estimate) plus the text received, estimated. Absent when the provider's own figures were used.
   */
  readonly estimated?: true;
  /** Short machine-made note for the UI, e.g. "retry in 12 s"; never provider or model text. */
  readonly detail?: string;
}

/** True for outcomes where no call was sent. */
export function isSkip(outcome: AttemptOutcome): outcome is SkipOutcome {
  return outcome.startsWith('skipped-');
}
