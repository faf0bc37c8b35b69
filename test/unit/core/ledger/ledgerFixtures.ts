// Builds ledger records for tests, with overridable fields.

import type { LedgerRecord } from '../../../../src/core/ledger/ledgerRecord';

/** A served, successful chat on the quick pool costing 450 µ$ against a 14,000 µ$ baseline. */
export function record(overrides: Partial<LedgerRecord> = {}): LedgerRecord {
  return {
    v: 1,
    time: '2026-11-22T12:00:00.000Z',
    kind: 'chat',
    classifier: { mode: 'embedded', source: 'embedded' },
    pool: 'quick',
    confidence: 0.9,
    reason: 'short question → quick',
    sensitive: false,
    attempts: [
      { model: 'deepseek:deepseek-flash', pool: 'quick', outcome: 'ok', ms: 900, usage: { inputTokens: 1000, cachedInputTokens: 0, outputTokens: 500 }, costMicros: 450, unpriced: false },
    ],
    servedBy: 'deepseek:deepseek-flash',
    servedPool: 'quick',
    usage: { inputTokens: 1000, cachedInputTokens: 0, outputTokens: 500 },
    costMicros: 450,
    unpriced: false,
    baselineModel: 'anthropic:claude-opus-5-5',
    baselineMicros: 14_000,
    latencyMs: 900,
    ttftMs: 300,
    outcome: 'ok',
    escalated: false,
    budgetDowngraded: false,
    ...overrides,
  };
}
