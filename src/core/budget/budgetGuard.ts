// Checks each paid attempt's estimated cost against the daily and monthly budgets, counting calls still in flight.

import { dayKey, monthKey } from '../ledger/calendar';
import type { SpendSource } from '../ports';
import type { PricedCost } from '../pricing/pricing';
import type { BudgetSettings } from './budgetSettings';
import { formatMicrosForNotice } from './formatMicros';

/** Whether a paid call may go ahead. */
export type BudgetVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly period: 'day' | 'month'; readonly message: string }
  | { readonly ok: false; readonly period: 'unpriced'; readonly message: string };

/** Money set aside for a call in progress; becomes the actual cost, released once the ledger holds it. */
export interface BudgetHold {
  /** Replaces the held amount (estimate → actual cost). */
  set(micros: number): void;
  release(): void;
}

/**
 * Budget check for paid attempts. Spend comes from the ledger at each check (so other windows count)
 * plus holds for this window's calls whose records are not yet appended.
 */
export class BudgetGuard {
  private readonly holds = new Set<{ micros: number }>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly settings: () => BudgetSettings,
    private readonly spend: SpendSource,
  ) {}

  /** True when any limit is set, i.e. when checks are worth their small cost. */
  get active(): boolean {
    const s = this.settings();
    return s.dailyMicros !== undefined || s.monthlyMicros !== undefined;
  }

  /** Verdict for a call estimated at `estimate`, at time `nowMs`. */
  async check(estimate: PricedCost, nowMs: number): Promise<BudgetVerdict> {
    const s = this.settings();
    if (!this.active) return { ok: true };
    if (estimate.unpriced) {
      return { ok: false, period: 'unpriced', message: 'this model has no price, so it cannot be checked against your budget — add one in triage.prices' };
    }
    const spent = await this.spend.spent(nowMs);
    const held = this.heldMicros();
    const over = (limit: number | undefined, spentMicros: number) => limit !== undefined && spentMicros + held + estimate.micros > limit;
    if (over(s.dailyMicros, spent.dayMicros)) {
      return { ok: false, period: 'day', message: `this call (up to ${formatMicrosForNotice(estimate.micros)}) would exceed today's budget of ${formatMicrosForNotice(s.dailyMicros as number)}` };
    }
    if (over(s.monthlyMicros, spent.monthMicros)) {
      return { ok: false, period: 'month', message: `this call (up to ${formatMicrosForNotice(estimate.micros)}) would exceed this month's budget of ${formatMicrosForNotice(s.monthlyMicros as number)}` };
    }
    return { ok: true };
  }

  /** Sets `micros` aside until released. */
  hold(micros: number): BudgetHold {
    const entry = { micros };
    this.holds.add(entry);
    return {
      set: (value) => {
        entry.micros = value;
      },
      release: () => {
        this.holds.delete(entry);
      },
    };
  }

  /** Warnings for limits whose warning level was crossed, each given once per day or month. */
  async warnings(nowMs: number): Promise<string[]> {
    const s = this.settings();
    if (!this.active) return [];
    const spent = await this.spend.spent(nowMs);
    const held = this.heldMicros();
    const out: string[] = [];
    const check = (limit: number | undefined, spentMicros: number, key: string, label: string) => {
      if (limit === undefined || limit === 0 || this.warned.has(key)) return;
      const total = spentMicros + held;
      if (total * 100 < limit * s.warnAtPercent) return;
      this.warned.add(key);
      out.push(`Triage has spent ${formatMicrosForNotice(total)} of ${label} budget of ${formatMicrosForNotice(limit)} (${s.warnAtPercent}% warning level).`);
    };
    check(s.dailyMicros, spent.dayMicros, `day:${dayKey(nowMs)}`, "today's");
    check(s.monthlyMicros, spent.monthMicros, `month:${monthKey(nowMs)}`, "this month's");
    return out;
  }

  private heldMicros(): number {
    let total = 0;
    for (const h of this.holds) total += h.micros;
    return total;
  }
}
