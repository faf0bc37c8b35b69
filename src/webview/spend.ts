// Spend panel script (browser): says `ready`, draws each report the host sends, posts range changes and CSV export.
import type { HostToSpendView, SpendRange, SpendViewToHost } from '../shared/protocol';
import { button, el } from './dom';
import { reportBody } from './spendSections';
import { connectToHost } from './vscodeApi';

const host = connectToHost<SpendViewToHost>();

const RANGES: readonly { readonly value: SpendRange; readonly label: string }[] = [
  { value: 'today', label: 'Today' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'all', label: 'All time' },
];

const picker = el(document, 'select', { testId: 'range-picker', attrs: { 'aria-label': 'Range' } }, RANGES.map((r) => el(document, 'option', { text: r.label, attrs: { value: r.value } })));
picker.value = '7d';
picker.addEventListener('change', () => {
  const range = RANGES.find((r) => r.value === picker.value);
  if (range) host.postMessage({ type: 'setRange', range: range.value });
});

const body = el(document, 'div', { className: 'report', testId: 'report', attrs: { 'aria-busy': 'true' } }, [el(document, 'p', { className: 'muted', text: 'Loading…' })]);

document.body.append(
  el(document, 'div', { className: 'spend' }, [
    el(document, 'header', { className: 'toolbar' }, [
      el(document, 'h1', { text: 'Triage spend' }),
      el(document, 'span', { className: 'spacer' }),
      picker,
      button(document, 'Export CSV', () => host.postMessage({ type: 'exportCsv' }), { testId: 'export-csv' }),
    ]),
    body,
  ]),
);

window.addEventListener('message', (event: MessageEvent<HostToSpendView>) => {
  const message = event.data;
  switch (message.type) {
    case 'report':
      picker.value = message.report.range;
      body.replaceChildren(...reportBody(document, message.report));
      body.setAttribute('aria-busy', 'false');
      // Opened from a health alert: show the reason.
      body.querySelector('.health-item.focused')?.scrollIntoView({ block: 'center' });
      break;
  }
});

host.postMessage({ type: 'ready' });
