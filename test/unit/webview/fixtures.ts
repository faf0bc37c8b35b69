// View-model fixtures shared by the webview tests.
import type { AnswerMetaView, ChatEntryView, ChatSnapshot, SpendReportView } from '../../../src/shared/protocol';

export function meta(overrides: Partial<AnswerMetaView> = {}): AnswerMetaView {
  return {
    pool: 'coding',
    model: 'anthropic:claude-sonnet',
    costMicros: 12_000,
    unpriced: false,
    latencyMs: 1_240,
    reason: 'multi-file edit',
    source: 'embedded',
    confidence: 0.82,
    attempts: [{ model: 'anthropic:claude-sonnet', pool: 'coding', outcome: 'ok', ms: 1_200 }],
    demo: false,
    strongerAvailable: true,
    ...overrides,
  };
}

export function userEntry(id: string, text = 'explain this', overrides: Partial<ChatEntryView> = {}): ChatEntryView {
  return { id, role: 'user', text, state: 'done', ...overrides };
}

export function answer(id: string, overrides: Partial<ChatEntryView> = {}): ChatEntryView {
  return { id, role: 'assistant', text: 'It **works**.', state: 'done', meta: meta(), ...overrides };
}

export function snapshot(overrides: Partial<ChatSnapshot> = {}): ChatSnapshot {
  return { entries: [], pool: 'auto', busy: false, demo: false, ...overrides };
}

export function report(overrides: Partial<SpendReportView> = {}): SpendReportView {
  return {
    range: '7d',
    totals: {
      requests: 12,
      costMicros: 250_000,
      baselineMicros: 1_000_000,
      baselineModel: 'anthropic:claude-opus',
      savedMicros: 750_000,
      savedPercent: 75,
      escalationRate: 0.25,
      strongerRetries: 1,
      strongerRetryRate: 1 / 12,
      cacheHits: 2,
      cacheSavedMicros: 3400,
      failureRate: 0.05,
      unpricedRequests: 0,
    },
    view: 'real',
    other: { requests: 0, costMicros: 0 },
    byDay: [
      { day: '2026-11-21', byPool: { local: 0, quick: 10_000, coding: 90_000, reasoning: 0 } },
      { day: '2026-11-22', byPool: { local: 0, quick: 0, coding: 0, reasoning: 0 } },
      { day: '2026-11-23', byPool: { local: 0, quick: 50_000, coding: 50_000, reasoning: 50_000 } },
    ],
    byModel: [
      { key: 'anthropic:claude-sonnet', costMicros: 140_000, requests: 5, pool: 'coding' },
      { key: 'openai:gpt-mini', costMicros: 60_000, requests: 4, pool: 'quick' },
      { key: 'ollama:qwen', costMicros: 0, requests: 3, pool: 'local' },
    ],
    byKind: [
      { key: 'chat', costMicros: 200_000, requests: 9 },
      { key: 'edit', costMicros: 50_000, requests: 3 },
    ],
    byPool: [
      { key: 'coding', costMicros: 140_000, requests: 5, pool: 'coding' },
      { key: 'local', costMicros: 0, requests: 3, pool: 'local' },
    ],
    budgets: [
      { label: 'Today', limitMicros: 1_000_000, spentMicros: 150_000, warnAtFraction: 0.8 },
      { label: 'This month', limitMicros: 10_000_000, spentMicros: 9_000_000, warnAtFraction: 0.8 },
    ],
    recent: [
      { time: '14:02', kind: 'chat', pool: 'coding', model: 'anthropic:claude-sonnet', costMicros: 12_000, unpriced: false, latencyMs: 1_240, outcome: 'ok', escalated: true },
      { time: '13:55', kind: 'edit', pool: 'quick', model: 'custom:mystery', costMicros: 0, unpriced: true, latencyMs: 300, outcome: 'failed', escalated: false },
    ],
    skippedLines: 0,
    ...overrides,
  };
}
