// The status bar's words, as pure functions so they are unit-tested without VS Code.
import type { TriageRequest } from '../core/request';
import type { RouteResult } from '../core/routeTypes';
import { formatMicros, formatServedCost } from '../shared/money';

/** `claude-sonnet-5-5` from `anthropic:claude-sonnet-5-5`. */
export function shortModel(ref: string): string {
  const at = ref.indexOf(':');
  return at < 0 ? ref : ref.slice(at + 1);
}

/** Today's sum; in demo mode labelled, since demo answers bill nothing and their dollars are only illustrative. */
export function todayText(todayMicros: number, demo = false): string {
  return `${formatMicros(todayMicros)} today${demo ? ' (demo, not billed)' : ''}`;
}

/** At rest: today's spend, and the share of the daily budget when one is set. */
export function idleText(todayMicros: number, dailyBudgetMicros: number | undefined, demo = false): string {
  const share = dailyBudgetMicros && !demo ? ` (${Math.round((todayMicros / dailyBudgetMicros) * 100)}% of ${formatMicros(dailyBudgetMicros)})` : '';
  return `Triage ${todayText(todayMicros, demo)}${share}`;
}

/** While a request runs: pool and model. */
export function runningText(pool: string, model: string | undefined): string {
  return `$(loading~spin) ${pool}${model ? ` · ${shortModel(model)}` : ''}`;
}

/** Which surface asked: a request through VS Code's language model API is marked, with its caller when known. */
export type RequestOrigin = Pick<TriageRequest, 'kind' | 'caller'>;

/**
 * After a request: tier, model and cost, e.g. `coding · claude-sonnet-5-5 · $0.012`; one that came through VS Code's
 * language model API (Copilot Chat, another extension) starts `lm:` so its cost is told apart from the sidebar's.
 */
export function lastRequestText(result: RouteResult, origin?: RequestOrigin): string {
  const lm = origin?.kind === 'lm' ? 'lm: ' : '';
  if (result.outcome === 'cancelled') return `Triage ${lm}cancelled`;
  if (!result.servedBy) return `$(warning) Triage ${lm}${result.classification.pool} failed`;
  const pool = result.servedPool === 'fallback' ? 'local' : (result.servedPool ?? result.classification.pool);
  // A cache hit is marked as such: $0 because nothing was sent, not because the model is free.
  const cost = result.cached ? 'cached — $0' : formatServedCost(result.costMicros, result.unpriced, result.servedBy);
  return `${lm}${pool} · ${shortModel(result.servedBy)} · ${cost}`;
}

/** Tooltip lines: the path through the cascade, then today's totals. */
export function lastRequestTooltip(result: RouteResult, todayMicros: number, demo = false, origin?: RequestOrigin): string {
  const path = result.attempts.map((a) => `${a.model} (${a.pool}): ${a.outcome}${a.ms ? `, ${a.ms} ms` : ''}`);
  const why = `${result.classification.reason} — ${result.classification.source}, ${Math.round(result.classification.confidence * 100)}%`;
  return [
    `Last request: ${result.outcome}, ${result.latencyMs} ms${result.cached ? ' (from the response cache, nothing sent)' : ''}`,
    ...(origin?.kind === 'lm' ? [`Asked through VS Code's language model API${origin.caller ? ` by ${origin.caller}` : ''}`] : []),
    `Why: ${why}`,
    ...(path.length ? ['Path:', ...path.map((p) => `  ${p}`)] : []),
    `Today: ${todayText(todayMicros, demo)}`,
    'Click for the spend panel.',
  ].join('\n');
}
