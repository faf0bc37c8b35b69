// Bar geometry: round axes, stacks that add up, rows scaled to the largest, gauges that mark the warning.
import * as assert from 'node:assert/strict';
import { axisFor, gaugeGeometry, niceStep, rowBars, stackedDayBars } from '../../../src/webview/chartGeometry';
import { report } from './fixtures';

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≉ ${b}`);

describe('webview/chartGeometry', () => {
  it('rounds steps up to 1, 2 or 5 × 10ⁿ', () => {
    assert.deepEqual([0, -3, Number.NaN, 0.3, 1, 1.5, 3, 7, 12, 25_001, 62_500].map(niceStep), [1, 1, 1, 0.5, 1, 2, 5, 10, 20, 50_000, 100_000]);
  });

  it('builds an axis from 0 that covers the maximum', () => {
    assert.deepEqual(axisFor(150_000), { max: 150_000, ticks: [0, 50_000, 100_000, 150_000] });
    assert.deepEqual(axisFor(0), { max: 1, ticks: [0, 1] });
    assert.deepEqual(axisFor(3), { max: 3, ticks: [0, 1, 2, 3] }, 'no ticks below one µ$');
    const axis = axisFor(987_654);
    assert.ok(axis.max >= 987_654);
    assert.ok(axis.ticks.length <= 6);
  });

  it('stacks each day by pool, bottom-up, scaled to the plot', () => {
    const { bars, axis } = stackedDayBars(report().byDay, { width: 300, height: 100 });
    assert.equal(axis.max, 150_000);
    assert.deepEqual(bars.map((b) => b.totalMicros), [100_000, 0, 150_000]);
    const [first, empty, last] = bars;
    assert.deepEqual(first!.segments.map((s) => s.pool), ['quick', 'coding'], 'zero pools are left out');
    close(first!.segments[0]!.height, (10_000 / 150_000) * 100);
    close(first!.segments[0]!.y + first!.segments[0]!.height, 100);
    close(first!.segments[1]!.y + first!.segments[1]!.height, first!.segments[0]!.y);
    assert.deepEqual(empty!.segments, []);
    assert.deepEqual(last!.segments.map((s) => s.pool), ['quick', 'coding', 'reasoning']);
    close(last!.segments[2]!.y, 0);
    assert.ok(bars.every((b, i) => b.x >= i * 100 && b.x + b.width <= (i + 1) * 100), 'each bar inside its slot');
  });

  it('copes with no days and negative values', () => {
    assert.deepEqual(stackedDayBars([], { width: 300, height: 100 }).bars, []);
    const { bars } = stackedDayBars([{ day: '2026-01-01', byPool: { local: -5, quick: 0, coding: 0, reasoning: 0 } }], { width: 300, height: 100 });
    assert.deepEqual(bars[0]!.segments, []);
  });

  it('sorts rows by cost and scales them to the largest', () => {
    const bars = rowBars(report().byModel, 200);
    assert.deepEqual(bars.map((b) => [b.key, Math.round(b.width)]), [['anthropic:claude-sonnet', 200], ['openai:gpt-mini', 86], ['ollama:qwen', 0]]);
    assert.deepEqual(rowBars([{ key: 'a', costMicros: 0, requests: 2 }], 200).map((b) => b.width), [0]);
  });

  it('folds a long tail into "other (N)"', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ key: `m${i}`, costMicros: (i + 1) * 1000, requests: 1 }));
    const bars = rowBars(rows, 100, 8);
    assert.equal(bars.length, 8);
    assert.deepEqual(bars.at(-1), { key: 'other (5)', costMicros: 15_000, requests: 5, width: 100 * (15_000 / 15_000) });
    assert.equal(bars.reduce((s, b) => s + b.costMicros, 0), rows.reduce((s, r) => s + r.costMicros, 0));
  });

  it('fills gauges, marks the warning and flags warn and over', () => {
    assert.deepEqual(gaugeGeometry({ label: 'Today', limitMicros: 1_000_000, spentMicros: 150_000, warnAtFraction: 0.8 }), { fill: 0.15, warnAt: 0.8, percent: 15, state: 'ok' });
    assert.equal(gaugeGeometry({ label: 'Today', limitMicros: 1_000_000, spentMicros: 800_000, warnAtFraction: 0.8 }).state, 'warn');
    const over = gaugeGeometry({ label: 'This month', limitMicros: 1_000_000, spentMicros: 2_500_000, warnAtFraction: 0.8 });
    assert.deepEqual(over, { fill: 1, warnAt: 0.8, percent: 250, state: 'over' });
    assert.equal(gaugeGeometry({ label: 'Today', limitMicros: 0, spentMicros: 5, warnAtFraction: 1.4 }).state, 'none');
    assert.equal(gaugeGeometry({ label: 'Today', limitMicros: 0, spentMicros: 5, warnAtFraction: 1.4 }).warnAt, 1);
  });
});
