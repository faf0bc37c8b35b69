// Turns a finished request into its ledger record, dropping anything that could hold prompt or answer text.

import type { RouteResult } from '../routeTypes';
import { validCallerId } from '../lm/callerId';
import type { RequestKind } from '../request';
import { LEDGER_SCHEMA_VERSION } from './ledgerRecord';
import type { LedgerRecord } from './ledgerRecord';

/** Context the result does not carry. */
export interface RecordContext {
  readonly kind: RequestKind;
  readonly startedAt: number;
  readonly classifierMode: string;
  readonly baselineModel: string;
  /** Demo mode was on (answers from the local fakes, nothing billed). */
  readonly demo?: boolean;
  /** The request is the user's "ask a stronger model" retry. */
  readonly strongerRetry?: boolean;
  /** The calling extension's id of an `lm` request; recorded only when well-formed. */
  readonly caller?: string;
}

/** The ledger record for a finished request. */
export function recordFromResult(result: RouteResult, context: RecordContext): LedgerRecord {
  const c = result.classification;
  return {
    v: LEDGER_SCHEMA_VERSION,
    ...(result.requestId ? { id: result.requestId } : {}),
    time: new Date(context.startedAt).toISOString(),
    kind: context.kind,
    classifier: { mode: context.classifierMode, source: c.source },
    pool: c.pool,
    confidence: Math.round(c.confidence * 1000) / 1000,
    reason: c.reason.slice(0, 160),
    sensitive: c.sensitive,
    attempts: result.attempts.map(({ detail: _detail, ...attempt }) => attempt),
    servedBy: result.servedBy ?? null,
    servedPool: result.servedPool ?? null,
    usage: result.usage,
    costMicros: result.costMicros,
    unpriced: result.unpriced,
    ...(result.attempts.some((a) => a.estimated) ? { estimated: true as const } : {}),
    baselineModel: context.baselineModel,
    baselineMicros: result.baselineMicros,
    latencyMs: result.latencyMs,
    ttftMs: result.ttftMs ?? null,
    outcome: result.outcome,
    escalated: result.escalated,
    budgetDowngraded: result.budgetDowngraded,
    ...(context.demo ? { demo: true as const } : {}),
    ...(context.strongerRetry ? { retry: 'stronger' as const } : {}),
    ...(result.cached ? { cache: result.cacheMatch === 'meaning' ? ('meaning' as const) : ('hit' as const), cacheSavedMicros: result.cacheSavedMicros ?? 0 } : {}),
    ...caller(context.caller),
    ...(result.experiment ? { experiment: { id: result.experiment.id, arm: result.experiment.arm } } : {}),
  };
}

function caller(id: string | undefined): { caller?: string } {
  const valid = validCallerId(id);
  return valid ? { caller: valid } : {};
}
