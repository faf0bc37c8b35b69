// Turns a finished request into its ledger record, dropping anything that could hold prompt or answer text.

import type { RouteResult } from '../routeTypes';
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
}

/** The ledger record for a finished request. */
export function recordFromResult(result: RouteResult, context: RecordContext): LedgerRecord {
  const c = result.classification;
  return {
    v: LEDGER_SCHEMA_VERSION,
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
  };
}
