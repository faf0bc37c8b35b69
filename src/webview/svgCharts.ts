// Draws the spend panel's charts as SVG with DOM APIs, each with accessible text carrying the numbers.
import type { BreakdownRowView, BudgetGaugeView, DaySpendView } from '../shared/protocol';
import { formatMicros } from '../shared/money';
import { gaugeGeometry, POOL_ORDER, rowBars, stackedDayBars } from './chartGeometry';
import { el, svgEl } from './dom';
import { axisLabel, formatPercent } from './format';

const DAY_CHART = { width: 600, height: 220, left: 60, right: 8, top: 8, bottom: 24 };
const ROW_CHART = { width: 460, rowHeight: 22, label: 150, value: 110 };
/** Most day labels drawn under the bars; the rest are in each bar's title. */
const MAX_DAY_LABELS = 10;

function chartSvg(doc: Document, width: number, height: number, label: string): SVGSVGElement {
  return svgEl(doc, 'svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart', preserveAspectRatio: 'xMinYMin meet' }, [
    svgEl(doc, 'title', {}, [label]),
  ]);
}

/** Spend per day stacked by pool, with a value axis and a legend. */
export function dayChart(doc: Document, days: readonly DaySpendView[]): HTMLElement {
  const plot = { width: DAY_CHART.width - DAY_CHART.left - DAY_CHART.right, height: DAY_CHART.height - DAY_CHART.top - DAY_CHART.bottom };
  const { bars, axis } = stackedDayBars(days, plot);
  const dayText = (bar: (typeof bars)[number]): string =>
    `${bar.day}: ${formatMicros(bar.totalMicros)}${bar.segments.length ? ` (${bar.segments.map((s) => `${s.pool} ${formatMicros(s.micros)}`).join(', ')})` : ''}`;
  const label = days.length === 0 ? 'Spend per day: no data' : `Spend per day by pool. ${bars.map(dayText).join('; ')}`;
  const svg = chartSvg(doc, DAY_CHART.width, DAY_CHART.height, label);
  const origin = svgEl(doc, 'g', { transform: `translate(${DAY_CHART.left} ${DAY_CHART.top})` });
  for (const tick of axis.ticks) {
    const y = plot.height - (tick / axis.max) * plot.height;
    origin.append(
      svgEl(doc, 'line', { x1: 0, x2: plot.width, y1: y, y2: y, class: 'grid' }),
      svgEl(doc, 'text', { x: -6, y: y + 4, 'text-anchor': 'end', class: 'axis-label' }, [formatMicros(tick)]),
    );
  }
  const every = Math.max(1, Math.ceil(bars.length / MAX_DAY_LABELS));
  bars.forEach((bar, i) => {
    const group = svgEl(doc, 'g', { class: 'day-bar' }, [svgEl(doc, 'title', {}, [dayText(bar)])]);
    for (const s of bar.segments) group.append(svgEl(doc, 'rect', { x: bar.x, y: s.y, width: bar.width, height: s.height, class: `pool-${s.pool}` }));
    origin.append(group);
    if (i % every === 0) {
      origin.append(svgEl(doc, 'text', { x: bar.x + bar.width / 2, y: plot.height + 16, 'text-anchor': 'middle', class: 'axis-label' }, [bar.day.slice(5)]));
    }
  });
  svg.append(origin);
  const legend = el(doc, 'ul', { className: 'legend', attrs: { 'aria-hidden': 'true' } },
    POOL_ORDER.map((pool) => el(doc, 'li', {}, [el(doc, 'span', { className: `swatch pool-${pool}` }), pool])),
  );
  return el(doc, 'div', { className: 'chart-box', testId: 'chart-by-day' }, [svg, legend]);
}

/** Horizontal bars, one row per key: cost and request count. */
export function rowChart(doc: Document, title: string, rows: readonly BreakdownRowView[], testId: string): HTMLElement {
  const barArea = ROW_CHART.width - ROW_CHART.label - ROW_CHART.value;
  const bars = rowBars(rows, barArea);
  const rowText = (r: (typeof bars)[number]): string => `${r.key}: ${formatMicros(r.costMicros)}, ${r.requests} request${r.requests === 1 ? '' : 's'}`;
  const label = bars.length === 0 ? `${title}: no data` : `${title}. ${bars.map(rowText).join('; ')}`;
  const height = Math.max(1, bars.length) * ROW_CHART.rowHeight + 4;
  const svg = chartSvg(doc, ROW_CHART.width, height, label);
  bars.forEach((bar, i) => {
    const y = i * ROW_CHART.rowHeight + 2;
    svg.append(
      svgEl(doc, 'g', { class: 'row-bar' }, [
        svgEl(doc, 'title', {}, [rowText(bar)]),
        // The label drops the provider and elides the middle; the whole key is its tooltip (and the row's).
        svgEl(doc, 'text', { x: ROW_CHART.label - 8, y: y + 14, 'text-anchor': 'end', class: 'axis-label' }, [axisLabel(bar.key, 22), svgEl(doc, 'title', {}, [bar.key])]),
        svgEl(doc, 'rect', { x: ROW_CHART.label, y: y + 3, width: bar.width, height: ROW_CHART.rowHeight - 8, class: bar.pool ? `bar pool-${bar.pool}` : 'bar' }),
        svgEl(doc, 'text', { x: ROW_CHART.label + bar.width + 6, y: y + 14, class: 'value-label' }, [`${formatMicros(bar.costMicros)} · ${bar.requests} req`]),
      ]),
    );
  });
  if (bars.length === 0) svg.append(svgEl(doc, 'text', { x: 0, y: 16, class: 'axis-label' }, ['No requests in this range.']));
  return el(doc, 'div', { className: 'chart-box row-chart', testId }, [el(doc, 'h3', { text: title }), svg]);
}

/** A budget bar with its warning threshold marked. */
export function budgetGauge(doc: Document, budget: BudgetGaugeView): HTMLElement {
  const g = gaugeGeometry(budget);
  const width = 300;
  const text =
    g.state === 'none'
      ? `${budget.label}: ${formatMicros(budget.spentMicros)} spent, no budget set`
      : `${budget.label}: ${formatMicros(budget.spentMicros)} of ${formatMicros(budget.limitMicros)} (${formatPercent(g.percent)}), warning at ${formatPercent(g.warnAt * 100)}`;
  const svg = chartSvg(doc, width, 16, text);
  svg.append(svgEl(doc, 'rect', { x: 0, y: 2, width, height: 12, rx: 3, class: 'gauge-track' }));
  if (g.state !== 'none') {
    svg.append(
      svgEl(doc, 'rect', { x: 0, y: 2, width: g.fill * width, height: 12, rx: 3, class: `gauge-fill gauge-${g.state}` }),
      svgEl(doc, 'line', { x1: g.warnAt * width, x2: g.warnAt * width, y1: 0, y2: 16, class: 'gauge-mark' }),
    );
  }
  return el(doc, 'div', { className: `gauge gauge-${g.state}`, testId: 'budget-gauge', attrs: { 'data-state': g.state } }, [
    el(doc, 'div', { className: 'gauge-text', text }),
    svg,
  ]);
}
