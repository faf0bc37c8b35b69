// The status bar's words, as pure functions so they are unit-tested without VS Code.
import type { RouteResult } from '../core/routeTypes';
import { formatMicros } from '../shared/money';

/** `claude-sonnet-5-5` from `anthropic:claude-sonnet-5-5`. */
export function shortModel(ref: string): string {
  const at = ref.indexOf(':');
  return at < 0 ? ref : ref.slice(at + 1);
}

/** At rest: today's spend, and the share of the daily budget when one is set. */
export function idleText(todayMicros: number, dailyBudgetMicros: number | undefined): string {
  const share = dailyBudgetMicros ? ` (${Math.round((todayMicros / dailyBudgetMicros) * 100)}% of ${formatMicros(dailyBudgetMicros)})` : '';
  return `Triage ${formatMicros(todayMicros)} today${share}`;
}

/** While a request runs: pool and model. */
export function runningText(pool: string, model: string | undefined): string {
  return `$(loading~spin) ${pool}${model ? ` · ${shortModel(model)}` : ''}`;
}

/** After a request: tier, model and cost, e.g. `coding · claude-sonnet-5-5 · $0.012`. */
export function lastRequestText(result: RouteResult): string {
  if (result.outcome === 'cancelled') return 'Triage: cancelled';
  if (!result.servedBy) return `$(warning) Triage: ${result.classification.pool} failed`;
  const pool = result.servedPool === 'fallback' ? 'local' : (result.servedPool ?? result.classification.pool);
  const cost = result.unpriced ? 'price unknown' : formatMicros(result.costMicros);
  return `${pool} · ${shortModel(result.servedBy)} · ${cost}`;
}

/** Tooltip lines: the path through the cascade, then today's totals. */
export function lastRequestTooltip(result: RouteResult, todayMicros: number): string {
  const path = result.attempts.map((a) => `${a.model} (${a.pool}): ${a.outcome}${a.ms ? `, ${a.ms} ms` : ''}`);
  const why = `${result.classification.reason} — ${result.classification.source}, ${Math.round(result.classification.confidence * 100)}%`;
  return [
    `Last request: ${result.outcome}, ${result.latencyMs} ms`,
    `Why: ${why}`,
    ...(path.length ? ['Path:', ...path.map((p) => `  ${p}`)] : []),
    `Today: ${formatMicros(todayMicros)}`,
    'Click for the spend panel.',
  ].join('\n');
}
