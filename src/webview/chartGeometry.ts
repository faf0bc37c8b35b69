// Data → bar geometry for the spend panel's charts (pure numbers; svgCharts.ts draws them).
// Why plain SVG and not a chart library: four kinds of bar chart and a gauge need ~200 lines of geometry
// we can unit-test; a library (Chart.js, ECharts) would add 60–300 KB to the bundle, draw on canvas
// (no per-bar accessible text, harder e2e assertions) or need inline styles our CSP forbids.
import type { BreakdownRowView, BudgetGaugeView, DaySpendView, PoolView } from '../shared/protocol';

/** Pools bottom to top in a stacked bar, cheapest first. */
export const POOL_ORDER: readonly PoolView[] = ['local', 'quick', 'coding', 'reasoning'];

/** A value axis from 0: its top and its tick values. */
export interface Axis {
  readonly max: number;
  readonly ticks: readonly number[];
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (1 for zero or less). */
export function niceStep(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const fraction = value / magnitude;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * magnitude;
}

/** An axis with round ticks covering `0..maxValue` (integer µ$) in about `tickCount` steps of at least 1. */
export function axisFor(maxValue: number, tickCount = 4): Axis {
  const step = Math.max(1, niceStep(Math.max(maxValue, 0) / tickCount));
  const steps = Math.max(1, Math.ceil(Math.max(maxValue, 0) / step));
  return { max: step * steps, ticks: Array.from({ length: steps + 1 }, (_, i) => i * step) };
}

/** One pool's part of a day's bar; `y` grows downwards from the plot's top. */
export interface StackSegment {
  readonly pool: PoolView;
  readonly micros: number;
  readonly y: number;
  readonly height: number;
}

/** One day's bar. */
export interface DayBar {
  readonly day: string;
  readonly x: number;
  readonly width: number;
  readonly totalMicros: number;
  readonly segments: readonly StackSegment[];
}

/** A plot area in SVG user units. */
export interface PlotBox {
  readonly width: number;
  readonly height: number;
}

/** Spend per day as bars stacked by pool, scaled to `box`; empty pools get no segment. */
export function stackedDayBars(days: readonly DaySpendView[], box: PlotBox): { bars: DayBar[]; axis: Axis } {
  const totals = days.map((d) => POOL_ORDER.reduce((sum, pool) => sum + Math.max(0, d.byPool[pool] ?? 0), 0));
  const axis = axisFor(Math.max(0, ...totals));
  const slot = days.length > 0 ? box.width / days.length : 0;
  const width = slot * 0.7;
  const bars = days.map((day, i) => {
    let top = box.height;
    const segments: StackSegment[] = [];
    for (const pool of POOL_ORDER) {
      const micros = Math.max(0, day.byPool[pool] ?? 0);
      if (micros === 0) continue;
      const height = (micros / axis.max) * box.height;
      top -= height;
      segments.push({ pool, micros, y: top, height });
    }
    return { day: day.day, x: i * slot + (slot - width) / 2, width, totalMicros: totals[i]!, segments };
  });
  return { bars, axis };
}

/** One row of a horizontal bar chart. */
export interface RowBar {
  readonly key: string;
  readonly costMicros: number;
  readonly requests: number;
  readonly width: number;
  readonly pool?: BreakdownRowView['pool'];
}

/**
 * Rows sorted by cost (then requests), widths scaled to `maxWidth`; past `maxRows` the rest are
 * summed into one "other (N)" row so a long tail of models stays readable.
 */
export function rowBars(rows: readonly BreakdownRowView[], maxWidth: number, maxRows = 8): RowBar[] {
  const sorted = [...rows].sort((a, b) => b.costMicros - a.costMicros || b.requests - a.requests || a.key.localeCompare(b.key));
  const shown = sorted.length > maxRows ? sorted.slice(0, maxRows - 1) : sorted;
  const rest = sorted.slice(shown.length);
  const merged: BreakdownRowView[] =
    rest.length === 0
      ? shown
      : [...shown, { key: `other (${rest.length})`, costMicros: rest.reduce((s, r) => s + r.costMicros, 0), requests: rest.reduce((s, r) => s + r.requests, 0) }];
  const max = Math.max(0, ...merged.map((r) => r.costMicros));
  return merged.map((r) => ({
    key: r.key,
    costMicros: r.costMicros,
    requests: r.requests,
    width: max > 0 ? (Math.max(0, r.costMicros) / max) * maxWidth : 0,
    ...(r.pool ? { pool: r.pool } : {}),
  }));
}

/** A budget gauge: how full (clamped for drawing), where the warning mark sits, and the state. */
export interface GaugeGeometry {
  readonly fill: number;
  readonly warnAt: number;
  /** Spent as a percentage of the limit, unclamped (may pass 100). */
  readonly percent: number;
  readonly state: 'none' | 'ok' | 'warn' | 'over';
}

/** Geometry for one budget; a limit of 0 or less means "no budget set". */
export function gaugeGeometry(budget: BudgetGaugeView): GaugeGeometry {
  const warnAt = Math.min(1, Math.max(0, budget.warnAtFraction));
  if (!(budget.limitMicros > 0)) return { fill: 0, warnAt, percent: 0, state: 'none' };
  const used = Math.max(0, budget.spentMicros) / budget.limitMicros;
  const state = used >= 1 ? 'over' : used >= warnAt ? 'warn' : 'ok';
  return { fill: Math.min(1, used), warnAt, percent: used * 100, state };
}
