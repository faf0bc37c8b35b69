// The cascade's inputs and outputs: per-request settings, long-lived collaborators, and what a run produced.

import type { BudgetGuard, BudgetHold } from '../budget/budgetGuard';
import type { OnExceed } from '../budget/budgetSettings';
import type { RequestOutcome } from '../ledger/ledgerRecord';
import type { PoolsConfig } from '../pools/poolsConfig';
import type { Clock, CodeParser, ProviderLookup, TokenUsage } from '../ports';
import type { PricingConfig } from '../pricing/pricing';
import type { PromptSpec } from '../prompts/promptSpec';
import type { PoolName, TriageRequest } from '../request';
import type { RouteEvent } from '../routeTypes';
import type { EditChecker } from '../editCheck/editDiagnostics';
import type { EditCheckSummary } from '../editCheck/editGate';
import type { AcceptedAnswer } from './answerCheck';
import type { AttemptRecord, CandidatePool } from './attemptRecord';
import type { FailureMemory } from './failureMemory';
import type { ProviderGate } from './providerGate';
import type { RateLimitMemory } from './rateLimitMemory';

/** Settings the cascade reads for one request. */
export interface CascadeSettings {
  readonly pools: PoolsConfig;
  readonly pricing: PricingConfig;
  readonly onExceed: OnExceed;
}

/** Long-lived collaborators, owned by the router. */
export interface CascadeDeps {
  readonly clock: Clock;
  readonly providers: ProviderLookup;
  readonly rateLimits: RateLimitMemory;
  /** Models that timed out or broke off, and providers whose circuit is open. */
  readonly failures: FailureMemory;
  readonly gate: ProviderGate;
  readonly budget: BudgetGuard;
  readonly codeParser?: CodeParser;
  /** Keys of notices already given in this session (e.g. `unpriced:openai:gpt-x`). */
  readonly noticesGiven: Set<string>;
}

/** One request's run through the cascade. */
export interface CascadeInput {
  readonly request: TriageRequest;
  readonly prompt: PromptSpec;
  readonly startPool: PoolName;
  /** The request holds sensitive data: only providers with `isLocal` may see it. */
  readonly privacy: boolean;
  readonly settings: CascadeSettings;
  readonly signal: AbortSignal;
  readonly emit: (event: RouteEvent) => void;
  /** For an edit: checks each usable proposal against the language server's diagnostics (the edit gate). */
  readonly editChecker?: EditChecker;
}

/** What the cascade did and what it got. */
export interface CascadeResult {
  readonly outcome: RequestOutcome;
  readonly text: string;
  readonly answer?: AcceptedAnswer;
  /** What the edit gate found about the proposal in `answer`, when it ran. */
  readonly editCheck?: EditCheckSummary;
  readonly attempts: readonly AttemptRecord[];
  readonly served?: { readonly model: string; readonly pool: CandidatePool; readonly usage: TokenUsage };
  /** Clock time of the first token of the attempt whose text the user got. */
  readonly firstTokenAt?: number;
  readonly failure?: string;
  readonly escalated: boolean;
  readonly budgetDowngraded: boolean;
  /** Budget holds for this request's paid calls; release them once the ledger holds the record. */
  readonly holds: readonly BudgetHold[];
}
