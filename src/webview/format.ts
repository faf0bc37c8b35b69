// Formats latencies, rates and costs for the webviews; money itself comes from shared/money.
import { formatMicros } from '../shared/money';

/** `850 ms`, `1.2 s`, `2 min 5 s`. */
export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A 0–1 fraction as a percentage: `0%`, `3.5%`, `42%`. */
export function formatRate(fraction: number): string {
  return formatPercent(fraction * 100);
}

/** A 0–100 value as a percentage, one decimal below 10. */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return '—';
  const digits = Math.abs(percent) < 10 && percent !== 0 && !Number.isInteger(percent) ? 1 : 0;
  return `${percent.toFixed(digits)}%`;
}

/** A cost, or "price unknown" when the model has no price — never `$0` for an unknown. */
export function formatCost(micros: number, unpriced: boolean): string {
  return unpriced ? 'price unknown' : formatMicros(micros);
}

/**
 * A ledger time (UTC ISO) in the user's locale and time zone: `3 Dec 2026, 09:05`. `locale`/`timeZone` default to the
 * webview's own (the user's); an unreadable time is shown as it was written.
 */
export function formatTime(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(date);
}

/** A model reference's label for a narrow chart axis: the model without its provider, middle-elided to `max`. */
export function axisLabel(key: string, max: number): string {
  const model = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
  if (model.length <= max) return model;
  const head = Math.ceil((max - 1) / 2);
  return `${model.slice(0, head)}…${model.slice(model.length - (max - 1 - head))}`;
}
