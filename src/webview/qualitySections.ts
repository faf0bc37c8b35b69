// The spend panel's Quality and Experiments sections: acceptance and retries beside cost per request, and each pool
// experiment's arms with the comparison's verdict. A rate with no sample reads "—", never 0%.
import type { ExperimentArmView, ExperimentView, QualityRowView, QualityView } from '../shared/protocol';
import { formatMicros } from '../shared/money';
import { el } from './dom';
import { formatLatency, formatRate } from './format';

/** `75% (3 of 4)`, or "—" when there is nothing to divide by. */
export function rateText(part: number, whole: number): string {
  return whole === 0 ? '—' : `${formatRate(part / whole)} (${part} of ${whole})`;
}

/** A mean cost with two significant digits below a cent (`$0.00045`: a quick pool's request would read `$0.0004`). */
export function formatMeanCost(micros: number): string {
  const dollars = micros / 1_000_000;
  if (!Number.isFinite(dollars) || dollars <= 0 || dollars >= 0.01) return formatMicros(micros);
  const digits = Math.min(8, 1 - Math.floor(Math.log10(dollars)));
  return `$${dollars.toFixed(digits).replace(/(\.\d*?[1-9])0+$/, '$1')}`;
}

/** Cost per request, or "—" with no requests. */
function perRequest(costMicros: number, requests: number): string {
  return requests === 0 ? '—' : formatMeanCost(costMicros / requests);
}

function th(doc: Document, text: string, num = false): HTMLElement {
  return el(doc, 'th', { text, attrs: { scope: 'col' }, ...(num ? { className: 'num' } : {}) });
}

function qualityTable(doc: Document, caption: string, first: string, rows: readonly QualityRowView[], testId: string): HTMLElement {
  const body = rows.length
    ? rows.map((r) =>
        el(doc, 'tr', { attrs: { 'data-key': r.key } }, [
          el(doc, 'td', { className: 'model', attrs: { title: r.key } }, [el(doc, 'span', { className: `swatch pool-${r.pool}` }), r.key]),
          el(doc, 'td', { className: 'num requests', text: String(r.requests) }),
          el(doc, 'td', { className: 'num cost', text: perRequest(r.costMicros, r.requests) }),
          el(doc, 'td', { className: 'num acceptance', text: rateText(r.accepted, r.judged), attrs: { title: r.judged === 0 ? 'No edit or review fix was accepted or rejected' : `${r.accepted} kept of ${r.judged} judged` } }),
          el(doc, 'td', { className: 'num retries', text: rateText(r.retried, r.requests) }),
        ]),
      )
    : [el(doc, 'tr', {}, [el(doc, 'td', { text: 'No answered requests in this range.', attrs: { colspan: '5' } })])];
  return el(doc, 'table', { className: 'quality-table', testId }, [
    el(doc, 'caption', { text: caption }),
    el(doc, 'thead', {}, [el(doc, 'tr', {}, [th(doc, first), th(doc, 'Requests', true), th(doc, 'Cost per request', true), th(doc, 'Acceptance', true), th(doc, 'Retries', true)])]),
    el(doc, 'tbody', {}, body),
  ]);
}

/** The Quality section for the range shown. */
export function qualitySection(doc: Document, quality: QualityView, view: 'real' | 'demo' = 'real'): HTMLElement {
  const unknown = quality.unknownRequests;
  return el(doc, 'section', { className: 'quality', testId: 'quality', attrs: { 'aria-label': 'Quality' } }, [
    el(doc, 'h2', { text: `Quality${view === 'demo' ? ' (demo requests)' : ''}` }),
    el(doc, 'p', {
      className: 'muted',
      text: 'Acceptance: edits and review fixes you kept, of those you accepted, rejected or undid. Retries: requests you asked again (a stronger model, or the same edit re-run).',
    }),
    el(doc, 'div', { className: 'quality-tables' }, [
      qualityTable(doc, 'By pool that answered', 'Pool', quality.byPool, 'quality-by-pool'),
      qualityTable(doc, 'By model', 'Model', quality.byModel, 'quality-by-model'),
    ]),
    ...(unknown > 0
      ? [el(doc, 'p', { className: 'note', testId: 'quality-unknown', text: `${unknown} judged request${unknown === 1 ? ' is' : 's are'} not counted: ${unknown === 1 ? 'its' : 'their'} signals do not say which request they were about.` })]
      : []),
  ]);
}

const ARM_LABELS: Readonly<Record<ExperimentArmView['arm'], string>> = { control: 'Current order', alternative: 'Alternative' };

function armRow(doc: Document, a: ExperimentArmView, real: ExperimentView['real']): HTMLElement {
  // A real difference is marked on the alternative's figure.
  const mark = (metric: keyof ExperimentView['real']): string => (a.arm === 'alternative' && real[metric] ? ' real' : '');
  return el(doc, 'tr', { attrs: { 'data-arm': a.arm } }, [
    el(doc, 'td', { text: ARM_LABELS[a.arm] }),
    el(doc, 'td', { className: 'num requests', text: String(a.requests) }),
    el(doc, 'td', { className: `num cost${mark('cost per request')}`, text: a.requests === 0 ? '—' : formatMeanCost(a.costPerRequestMicros) }),
    el(doc, 'td', { className: `num acceptance${mark('acceptance')}`, text: rateText(a.accepted, a.judged) }),
    el(doc, 'td', { className: `num retries${mark('retry rate')}`, text: rateText(a.retried, a.requests) }),
    el(doc, 'td', { className: `num latency${mark('latency')}`, text: a.answered === 0 ? '—' : formatLatency(a.meanLatencyMs) }),
  ]);
}

/** The Experiments section: each experiment's arms and the plain-language verdict. */
export function experimentsSection(doc: Document, experiments: readonly ExperimentView[], view: 'real' | 'demo' = 'real'): HTMLElement {
  const items = experiments.map((e) =>
    el(doc, 'article', { className: 'experiment', testId: 'experiment', attrs: { 'data-id': e.id, 'data-advice': e.advice } }, [
      el(doc, 'h3', {}, [e.id, el(doc, 'span', { className: 'muted', text: ` — ${e.description ? `${e.description}, ` : ''}${e.status}` })]),
      el(doc, 'table', { className: 'quality-table' }, [
        el(doc, 'thead', {}, [el(doc, 'tr', {}, [th(doc, 'Arm'), th(doc, 'Requests', true), th(doc, 'Cost per request', true), th(doc, 'Acceptance', true), th(doc, 'Retries', true), th(doc, 'Mean latency', true)])]),
        el(doc, 'tbody', {}, e.arms.map((a) => armRow(doc, a, e.real))),
      ]),
      el(doc, 'p', { className: `verdict advice-${e.advice}`, testId: 'experiment-verdict', text: e.verdict }),
    ]),
  );
  return el(doc, 'section', { className: 'experiments', testId: 'experiments', attrs: { 'aria-label': 'Experiments' } }, [
    el(doc, 'h2', { text: `Experiments${view === 'demo' ? ' (demo requests)' : ''}` }),
    el(doc, 'p', { className: 'muted', text: "Each over its whole run. A figure in bold differs from the current order's for real (its 95% interval leaves out zero); the rest are within noise." }),
    ...items,
  ]);
}
