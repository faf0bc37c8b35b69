// Budget settings: optional daily and monthly limits, what to do when one would be exceeded, and the warning level.

import { usdPerMillion } from '../pricing/price';
import { describeValue } from '../validated';
import type { Validated } from '../validated';

/** What happens when the next paid call would go over budget. */
export type OnExceed = 'downgrade' | 'local' | 'block';

const ON_EXCEED: readonly OnExceed[] = ['downgrade', 'local', 'block'];

/** Validated budget settings, money in micro-dollars. */
export interface BudgetSettings {
  /** Undefined: no daily limit. 0 allows no paid calls. */
  readonly dailyMicros?: number;
  readonly monthlyMicros?: number;
  /** `downgrade`: try cheaper pools, then local; `local`: go straight to local models; `block`: stop and say so. */
  readonly onExceed: OnExceed;
  /** Warn once per day or month when spend reaches this percentage of its limit. */
  readonly warnAtPercent: number;
}

/** No limits; what a fresh install runs with. */
export const DEFAULT_BUDGET: BudgetSettings = { onExceed: 'downgrade', warnAtPercent: 80 };

/** Raw values from settings `triage.budget.dailyUsd`, `.monthlyUsd` (number or null), `.onExceed`, `.warnAtPercent`. */
export interface RawBudgetSettings {
  readonly dailyUsd?: unknown;
  readonly monthlyUsd?: unknown;
  readonly onExceed?: unknown;
  readonly warnAtPercent?: unknown;
}

/** Validates budget settings; a bad value is reported and replaced by "no limit" or the default. */
export function validateBudgetSettings(raw: RawBudgetSettings): Validated<BudgetSettings> {
  const problems: string[] = [];
  const dailyMicros = limit('triage.budget.dailyUsd', raw.dailyUsd, problems);
  const monthlyMicros = limit('triage.budget.monthlyUsd', raw.monthlyUsd, problems);
  let onExceed = DEFAULT_BUDGET.onExceed;
  if (raw.onExceed !== undefined && raw.onExceed !== null) {
    if (ON_EXCEED.includes(raw.onExceed as OnExceed)) onExceed = raw.onExceed as OnExceed;
    else problems.push(`triage.budget.onExceed: ${describeValue(raw.onExceed)} is not one of ${ON_EXCEED.join(', ')} — using ${onExceed}`);
  }
  let warnAtPercent = DEFAULT_BUDGET.warnAtPercent;
  if (raw.warnAtPercent !== undefined && raw.warnAtPercent !== null) {
    const n = raw.warnAtPercent;
    if (typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= 100) warnAtPercent = n;
    else problems.push(`triage.budget.warnAtPercent: ${describeValue(n)} is not a percentage in (0, 100] — using ${warnAtPercent}`);
  }
  return {
    value: {
      ...(dailyMicros === undefined ? {} : { dailyMicros }),
      ...(monthlyMicros === undefined ? {} : { monthlyMicros }),
      onExceed,
      warnAtPercent,
    },
    problems,
  };
}

function limit(setting: string, value: unknown, problems: string[]): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return usdPerMillion(value);
  problems.push(`${setting}: ${describeValue(value)} is not an amount in USD — no limit applied`);
  return undefined;
}
