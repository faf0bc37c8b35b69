// The Quality and Experiments sections: rates with their sample sizes, "—" where there is no sample, the verdict.
import * as assert from 'node:assert/strict';
import type { ExperimentView, QualityView } from '../../../src/shared/protocol';
import { experimentsSection, formatMeanCost, qualitySection, rateText } from '../../../src/webview/qualitySections';
import { reportBody } from '../../../src/webview/spendSections';
import { report } from './fixtures';
import { blankPage, byTestId } from './testDom';

const quality: QualityView = {
  byPool: [
    { key: 'quick', pool: 'quick', requests: 10, costMicros: 4_500, judged: 4, accepted: 3, retried: 1 },
    { key: 'coding', pool: 'coding', requests: 2, costMicros: 30_000, judged: 0, accepted: 0, retried: 0 },
    { key: 'reasoning', pool: 'reasoning', requests: 0, costMicros: 0, judged: 1, accepted: 1, retried: 0 },
  ],
  byModel: [{ key: 'deepseek:deepseek-flash', pool: 'quick', requests: 10, costMicros: 4_500, judged: 4, accepted: 3, retried: 1 }],
  unknownRequests: 0,
};

const experiment: ExperimentView = {
  id: 'cheap-coding',
  description: 'coding: openai:gpt-6-mini for 30%',
  status: 'ended on 2026-12-04',
  advice: 'adopt',
  verdict: 'The alternative costs $0.0020 a request against $0.0090 (cheaper, a real difference); … adopting it looks safe.',
  arms: [
    { arm: 'control', requests: 40, costPerRequestMicros: 9_000, judged: 20, accepted: 16, retried: 2, answered: 40, meanLatencyMs: 1_250 },
    { arm: 'alternative', requests: 20, costPerRequestMicros: 2_000, judged: 0, accepted: 0, retried: 0, answered: 0, meanLatencyMs: 0 },
  ],
  real: { 'cost per request': true, acceptance: false, 'retry rate': false, latency: false },
};

function cells(row: Element): string[] {
  return [...row.querySelectorAll('td')].map((td) => td.textContent ?? '');
}

describe('webview/qualitySections', () => {
  it('shows acceptance and retries with their sample sizes beside cost per request, "—" without a sample', () => {
    const { document } = blankPage();
    const section = qualitySection(document, quality, 'demo');
    assert.equal(section.querySelector('h2')?.textContent, 'Quality (demo requests)');
    const rows = [...byTestId(section, 'quality-by-pool')[0]!.querySelectorAll('tbody tr')];
    assert.deepEqual(rows.map(cells), [
      ['quick', '10', '$0.00045', '75% (3 of 4)', '10% (1 of 10)'],
      ['coding', '2', '$0.015', '—', '0% (0 of 2)'],
      ['reasoning', '0', '—', '100% (1 of 1)', '—'],
    ]);
    assert.equal(rows[0]!.getAttribute('data-key'), 'quick');
    assert.equal(byTestId(section, 'quality-unknown').length, 0);
    const unknown = qualitySection(document, { ...quality, unknownRequests: 2 });
    assert.match(byTestId(unknown, 'quality-unknown')[0]!.textContent ?? '', /^2 judged requests are not counted/);
    assert.equal(rateText(0, 0), '—');
    assert.deepEqual([formatMeanCost(450), formatMeanCost(2_150), formatMeanCost(15_000), formatMeanCost(0.4), formatMeanCost(500), formatMeanCost(0)], ['$0.00045', '$0.0022', '$0.015', '$0.0000004', '$0.0005', '$0']);
  });

  it("lists each experiment's arms, marks the real difference and says the verdict", () => {
    const { document } = blankPage();
    const section = experimentsSection(document, [experiment]);
    const item = byTestId(section, 'experiment')[0]!;
    assert.equal(item.getAttribute('data-advice'), 'adopt');
    assert.equal(item.querySelector('h3')?.textContent, 'cheap-coding — coding: openai:gpt-6-mini for 30%, ended on 2026-12-04');
    const rows = [...item.querySelectorAll('tbody tr')];
    assert.deepEqual(rows.map(cells), [
      ['Current order', '40', '$0.009', '80% (16 of 20)', '5% (2 of 40)', '1.3 s'],
      ['Alternative', '20', '$0.002', '—', '0% (0 of 20)', '—'],
    ]);
    assert.deepEqual([...rows[1]!.querySelectorAll('td.real')].map((td) => td.textContent), ['$0.002']);
    assert.equal(rows[0]!.querySelectorAll('td.real').length, 0);
    assert.equal(byTestId(section, 'experiment-verdict')[0]!.textContent, experiment.verdict);
  });

  it('draws both sections in the panel only when the report has them', () => {
    const { document } = blankPage();
    const root = document.createElement('div');
    root.append(...reportBody(document, report()));
    assert.deepEqual([byTestId(root, 'quality').length, byTestId(root, 'experiments').length], [0, 0]);
    root.replaceChildren(...reportBody(document, report({ quality, experiments: [] })));
    assert.deepEqual([byTestId(root, 'quality').length, byTestId(root, 'experiments').length], [1, 0]);
    root.replaceChildren(...reportBody(document, report({ quality, experiments: [experiment] })));
    assert.equal(byTestId(root, 'experiments').length, 1);
  });
});
