// Builds the spend panel's body from one report: notes, headline cards, budgets, charts and recent requests.
import type { HealthView, RecentRequestView, SpendReportView } from '../shared/protocol';
import { formatMicros, formatServedCost } from '../shared/money';
import { el } from './dom';
import type { Child } from './dom';
import { formatLatency, formatPercent, formatRate, formatTime } from './format';
import { budgetGauge, dayChart, rowChart } from './svgCharts';
import { experimentsSection, qualitySection } from './qualitySections';

function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

function card(doc: Document, title: string, value: string, detail: string, testId?: string): HTMLElement {
  return el(doc, 'div', { className: 'card', ...(testId ? { testId } : {}) }, [
    el(doc, 'div', { className: 'card-title', text: title }),
    el(doc, 'div', { className: 'card-value', text: value }),
    el(doc, 'div', { className: 'card-detail', text: detail }),
  ]);
}

/** Warnings about data the numbers could not include. */
export function notes(doc: Document, report: SpendReportView): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (report.skippedLines > 0) {
    const n = report.skippedLines;
    out.push(el(doc, 'p', { className: 'note warn', testId: 'skipped-lines', text: `${n} ledger line${n === 1 ? '' : 's'} could not be read and ${n === 1 ? 'was' : 'were'} skipped.` }));
  }
  const other = report.other;
  const otherCost = `${formatMicros(other.costMicros)}`;
  if (report.view === 'demo') {
    out.push(el(doc, 'p', { className: 'note demo', testId: 'demo-note', text: 'Demo mode: these requests were answered by the local fakes. Their prices are illustrative — nothing was billed, and they count toward no budget.' }));
    if (other.requests > 0) out.push(el(doc, 'p', { className: 'note', testId: 'other-view-note', text: `${plural(other.requests, 'real request')} (${otherCost}) ${other.requests === 1 ? 'is' : 'are'} not shown while demo mode is on.` }));
  } else if (other.requests > 0) {
    out.push(el(doc, 'p', { className: 'note', testId: 'other-view-note', text: `${plural(other.requests, 'demo request')} (${otherCost}, not billed) ${other.requests === 1 ? 'is' : 'are'} left out of these figures.` }));
  }
  const unpriced = report.totals.unpricedRequests;
  if (unpriced > 0) {
    out.push(el(doc, 'p', { className: 'note', testId: 'unpriced-note', text: `${unpriced} request${unpriced === 1 ? '' : 's'} used a model with no known price; ${unpriced === 1 ? 'its' : 'their'} cost is not counted in the totals.` }));
  }
  return out;
}

/** Total cost, savings against the premium baseline, request count and rates. */
export function headline(doc: Document, report: SpendReportView): HTMLElement {
  const t = report.totals;
  return el(doc, 'section', { className: 'cards', attrs: { 'aria-label': 'Totals' } }, [
    card(doc, report.view === 'demo' ? 'Spent (demo, not billed)' : 'Spent', formatMicros(t.costMicros), plural(t.requests, 'request'), 'total-cost'),
    card(doc, 'Saved', `${formatMicros(t.savedMicros)} (${formatPercent(t.savedPercent)})`, `vs ${formatMicros(t.baselineMicros)} on ${t.baselineModel}`, 'saved'),
    card(doc, 'Escalated', formatRate(t.escalationRate), 'automatically: the chosen pool could not answer', 'escalation-rate'),
    card(doc, 'Asked stronger', formatRate(t.strongerRetryRate), `${plural(t.strongerRetries, 'retry', 'retries')} you asked for`, 'stronger-retries'),
    card(doc, 'Saved by cache', formatMicros(t.cacheSavedMicros), `${plural(t.cacheHits, 'answer')} served from the response cache`, 'saved-by-cache'),
    card(doc, 'Failed', formatRate(t.failureRate), 'requests that ended in an error', 'failure-rate'),
  ]);
}

/** The health row: each alert threshold against the last days (real requests, or demo ones in demo mode); a crossed one is marked. */
export function healthSection(doc: Document, health: HealthView, view: 'real' | 'demo' = 'real'): HTMLElement {
  const heading = el(doc, 'h2', { text: `Health (last ${health.days} days${view === 'demo' ? ', demo requests' : ''})` });
  if (health.tooFew) {
    return el(doc, 'section', { className: 'health', testId: 'health', attrs: { 'aria-label': 'Health' } }, [
      heading,
      el(doc, 'p', { className: 'muted', testId: 'health-too-few', text: `Judged from ${health.minRequests} requests; ${plural(health.requests, 'request')} so far.` }),
    ]);
  }
  const items = health.rows.map((r) =>
    el(doc, 'li', {
      className: `health-item${r.crossed ? ' crossed' : ''}${health.focus === r.metric ? ' focused' : ''}`,
      testId: `health-${r.metric}`,
      attrs: { title: r.text, 'data-crossed': String(r.crossed) },
    }, [
      el(doc, 'span', { className: 'health-label', text: r.label }),
      el(doc, 'span', { className: 'health-value', text: r.value }),
      el(doc, 'span', { className: 'health-limit', text: `limit ${r.limit}` }),
      ...(r.crossed ? [el(doc, 'span', { className: 'health-text', text: r.text })] : []),
    ]),
  );
  const crossed = health.rows.filter((r) => r.crossed).length;
  return el(doc, 'section', { className: 'health', testId: 'health', attrs: { 'aria-label': 'Health' } }, [
    heading,
    el(doc, 'p', { className: crossed ? 'note warn' : 'muted', text: crossed ? `${plural(crossed, 'limit')} crossed over ${plural(health.requests, 'request')}.` : `All within limits over ${plural(health.requests, 'request')}.` }),
    el(doc, 'ul', { className: 'health-list' }, items),
  ]);
}

function recentRow(doc: Document, r: RecentRequestView): HTMLElement {
  const cells: Child[] = [
    el(doc, 'td', { text: formatTime(r.time), attrs: { title: r.time } }),
    el(doc, 'td', { text: r.caller ? `${r.kind} (${r.caller})` : r.kind }),
    el(doc, 'td', {}, [el(doc, 'span', { className: `swatch pool-${r.pool}` }), r.pool]),
    el(doc, 'td', { className: 'model', text: r.model, attrs: { title: r.model } }),
    el(doc, 'td', {
      className: r.unpriced ? 'num unpriced' : 'num',
      // A broken stream is billed from the provider's start figures and the text received: say it is an estimate.
      text: r.estimated && !r.unpriced ? `≈ ${formatServedCost(r.costMicros, r.unpriced, r.model)}` : formatServedCost(r.costMicros, r.unpriced, r.model),
      ...(r.estimated ? { attrs: { title: 'Estimated: the answer broke off before the provider sent its final token count.' } } : {}),
    }),
    el(doc, 'td', { className: 'num', text: formatLatency(r.latencyMs) }),
    el(doc, 'td', { className: `outcome-${r.outcome}`, text: r.escalated ? `${r.outcome}, escalated` : r.outcome }),
  ];
  return el(doc, 'tr', { attrs: { 'data-outcome': r.outcome } }, cells);
}

/** The latest requests, newest first as the host sends them. */
export function recentTable(doc: Document, recent: readonly RecentRequestView[]): HTMLElement {
  const head = ['Time', 'Kind', 'Pool', 'Model', 'Cost', 'Latency', 'Outcome'].map((h) =>
    el(doc, 'th', { text: h, attrs: { scope: 'col' }, ...(h === 'Cost' || h === 'Latency' ? { className: 'num' } : {}) }),
  );
  const rows = recent.length
    ? recent.map((r) => recentRow(doc, r))
    : [el(doc, 'tr', {}, [el(doc, 'td', { text: 'No requests in this range.', attrs: { colspan: '7' } })])];
  return el(doc, 'table', { className: 'recent', testId: 'recent-table' }, [
    el(doc, 'caption', { text: 'Recent requests' }),
    el(doc, 'thead', {}, [el(doc, 'tr', {}, head)]),
    el(doc, 'tbody', {}, rows),
  ]);
}

/** Everything below the toolbar, for one report. */
export function reportBody(doc: Document, report: SpendReportView): HTMLElement[] {
  return [
    ...notes(doc, report),
    headline(doc, report),
    ...(report.health ? [healthSection(doc, report.health, report.view)] : []),
    ...(report.quality ? [qualitySection(doc, report.quality, report.view)] : []),
    ...(report.experiments?.length ? [experimentsSection(doc, report.experiments, report.view)] : []),
    el(doc, 'section', { className: 'budgets', attrs: { 'aria-label': 'Budgets' } }, [
      el(doc, 'h2', { text: 'Budgets' }),
      ...(report.budgets.length ? report.budgets.map((b) => budgetGauge(doc, b)) : [el(doc, 'p', { className: 'muted', text: 'No budgets set.' })]),
    ]),
    el(doc, 'section', { className: 'charts', attrs: { 'aria-label': 'Charts' } }, [
      el(doc, 'div', { className: 'chart-wide' }, [el(doc, 'h3', { text: 'Spend per day, by pool' }), dayChart(doc, report.byDay)]),
      rowChart(doc, 'By model', report.byModel, 'chart-by-model'),
      rowChart(doc, 'By request kind', report.byKind, 'chart-by-kind'),
      rowChart(doc, 'By pool', report.byPool, 'chart-by-pool'),
    ]),
    recentTable(doc, report.recent),
  ];
}
