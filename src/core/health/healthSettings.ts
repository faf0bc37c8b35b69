// The `triage.health` setting: alert thresholds in the units people think in (percent, dollars, seconds), validated.

import { describeValue } from '../validated';
import type { Validated } from '../validated';
import { DEFAULT_HEALTH_THRESHOLDS, DEFAULT_HEALTH_WINDOW } from './healthCheck';
import type { HealthThresholds, HealthWindow } from './healthCheck';

export interface HealthSettings {
  /** Notify when a threshold is crossed (at most once per day per metric). The panel's health row shows either way. */
  readonly alerts: boolean;
  readonly thresholds: HealthThresholds;
  readonly window: HealthWindow;
}

export const DEFAULT_HEALTH_SETTINGS: HealthSettings = { alerts: true, thresholds: DEFAULT_HEALTH_THRESHOLDS, window: DEFAULT_HEALTH_WINDOW };

/** Setting field → threshold field, with the factor from the setting's unit and the allowed range. */
const FIELDS = [
  { key: 'premiumSharePercent', field: 'premiumShare', factor: 0.01, max: 100 },
  { key: 'costPerRequestUsd', field: 'costPerRequestMicros', factor: 1e6, max: 1000 },
  { key: 'escalationPercent', field: 'escalationRate', factor: 0.01, max: 100 },
  { key: 'failurePercent', field: 'failureRate', factor: 0.01, max: 100 },
  { key: 'p95LatencySeconds', field: 'p95LatencyMs', factor: 1000, max: 3600 },
] as const;

/** A bad field is named and replaced by its default; the others still apply. */
export function validateHealthSettings(raw: unknown): Validated<HealthSettings> {
  if (raw === undefined || raw === null) return { value: DEFAULT_HEALTH_SETTINGS, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { value: DEFAULT_HEALTH_SETTINGS, problems: [`triage.health: expected an object, got ${describeValue(raw)} — using the defaults`] };
  }
  const input = raw as Record<string, unknown>;
  const problems: string[] = [];
  const thresholds: Record<keyof HealthThresholds, number> = { ...DEFAULT_HEALTH_THRESHOLDS };
  for (const { key, field, factor, max } of FIELDS) {
    const v = input[key];
    if (v === undefined || v === null) continue;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max) thresholds[field] = Math.round(v * factor * 1e6) / 1e6;
    else {
      const shown = Math.round((DEFAULT_HEALTH_THRESHOLDS[field] / factor) * 1e6) / 1e6;
      problems.push(`triage.health.${key}: ${describeValue(v)} is not a number from 0 to ${max} — using ${shown}`);
    }
  }
  let minRequests = DEFAULT_HEALTH_WINDOW.minRequests;
  if (input.minRequests !== undefined && input.minRequests !== null) {
    const n = input.minRequests;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 100_000) minRequests = n;
    else problems.push(`triage.health.minRequests: ${describeValue(n)} is not a whole number from 1 to 100000 — using ${minRequests}`);
  }
  let alerts = DEFAULT_HEALTH_SETTINGS.alerts;
  if (input.alerts !== undefined && input.alerts !== null) {
    if (typeof input.alerts === 'boolean') alerts = input.alerts;
    else problems.push(`triage.health.alerts: ${describeValue(input.alerts)} is not true or false — using true`);
  }
  return { value: { alerts, thresholds, window: { ...DEFAULT_HEALTH_WINDOW, minRequests } }, problems };
}
