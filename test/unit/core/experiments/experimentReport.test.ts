// Experiment arms from the ledger's day digests and the judged requests: the same figures as reading every record, each
// experiment's status, and experiments no longer in the settings.

import { strict as assert } from 'node:assert';
import { armSamples, compareArms } from '../../../../src/core/experiments/compareArms';
import { experimentArms, experimentReports } from '../../../../src/core/experiments/experimentReport';
import type { Experiment } from '../../../../src/core/experiments/experiments';
import type { LedgerRecord } from '../../../../src/core/ledger/ledgerRecord';
import { addToLedgerDigest, emptyLedgerDigest } from '../../../../src/core/ledger/spendDigest';
import { judgedRequests, tallyJudged } from '../../../../src/core/quality/qualityReport';
import type { QualitySignal } from '../../../../src/core/quality/qualitySignal';
import { record } from '../ledger/ledgerFixtures';

const DAY = 86_400_000;
const START = new Date(2026, 10, 20, 9).getTime();

const experiment: Experiment = { id: 'cheap-coding', pool: 'coding', models: [{ provider: 'openai', model: 'gpt-6-mini' }], share: 0.3, start: '2026-11-20', endAfterRequests: 200 };

/** `n` tagged coding requests a day apart in turn; the alternative is cheaper. */
function tagged(n: number): LedgerRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const arm = i % 3 === 0 ? ('alternative' as const) : ('control' as const);
    const model = arm === 'alternative' ? 'openai:gpt-6-mini' : 'anthropic:claude-sonnet';
    return record({
      id: `req-${String(i).padStart(4, '0')}`,
      time: new Date(START + (i % 5) * DAY + i * 1000).toISOString(),
      pool: 'coding',
      servedPool: 'coding',
      servedBy: model,
      costMicros: arm === 'alternative' ? 2_000 + (i % 4) * 100 : 9_000 + (i % 5) * 300,
      latencyMs: 800 + (i % 6) * 50,
      outcome: i % 17 === 0 ? 'failed' : 'ok',
      experiment: { id: 'cheap-coding', arm },
    });
  });
}

function signalsFor(records: readonly LedgerRecord[]): QualitySignal[] {
  return records.flatMap((r, i) => {
    if (i % 2 !== 0 || !r.id || !r.experiment) return [];
    const req = { time: r.time, pool: 'coding' as const, model: r.servedBy ?? '', experiment: r.experiment };
    const s: QualitySignal = { v: 1, time: new Date(Date.parse(r.time) + 30_000).toISOString(), id: r.id, signal: i % 8 === 0 ? 'edit-rejected' : 'edit-accepted', req };
    return i % 10 === 0 ? [s, { ...s, signal: 'edit-rerun' as const }] : [s];
  });
}

describe('experiment report', () => {
  const records = tagged(90);
  const digest = emptyLedgerDigest();
  for (const r of records) addToLedgerDigest(digest, r);
  const signals = signalsFor(records);

  it('gives the same arms from day digests as from every record, so the verdict is the same', () => {
    const judged = judgedRequests(signals, false);
    const fromDigests = experimentArms('cheap-coding', [digest], tallyJudged(judged.values()).experiments, false, experiment.start);
    const fromRecords = armSamples(records, judged, 'cheap-coding');
    for (const arm of ['control', 'alternative'] as const) {
      assert.equal(fromDigests[arm].cost.n, fromRecords[arm].cost.n);
      assert.ok(Math.abs(fromDigests[arm].cost.mean - fromRecords[arm].cost.mean) < 1e-9);
      assert.ok(Math.abs(fromDigests[arm].cost.m2 - fromRecords[arm].cost.m2) < 1e-3);
      assert.equal(fromDigests[arm].latency.n, fromRecords[arm].latency.n);
      assert.deepEqual([fromDigests[arm].judged, fromDigests[arm].accepted, fromDigests[arm].retried], [fromRecords[arm].judged, fromRecords[arm].accepted, fromRecords[arm].retried]);
    }
    assert.equal(fromDigests.alternative.cost.n, 30);
    assert.equal(compareArms(fromDigests.control, fromDigests.alternative).text, compareArms(fromRecords.control, fromRecords.alternative).text);
  });

  it('reports a running experiment, one ended by its count, and one no longer set; demo requests apart', () => {
    const judged = judgedRequests(signals, false);
    const base = { digests: [digest], tallies: tallyJudged(judged.values()).experiments, demo: false, today: '2026-11-26', removedSinceDay: '' };
    const [running] = experimentReports({ ...base, experiments: [experiment] });
    assert.equal(running?.status, 'running');
    assert.equal(running?.description, 'coding: openai:gpt-6-mini for 30%');
    assert.equal(running?.verdict.advice, 'adopt');
    assert.match(running?.verdict.text ?? '', /^The alternative costs \$0\.0022 a request against \$0\.0096 \(cheaper, a real difference\); acceptance \d+% against \d+%, within noise;/);
    const [ended] = experimentReports({ ...base, experiments: [{ ...experiment, endAfterRequests: 90 }] });
    assert.deepEqual([ended?.status, ended?.running], ['ended after 90 requests', false]);
    const [gone] = experimentReports({ ...base, experiments: [] });
    assert.deepEqual([gone?.id, gone?.status, gone?.description], ['cheap-coding', 'no longer in your settings', undefined]);
    assert.deepEqual(experimentReports({ ...base, experiments: [], removedSinceDay: '2026-11-30' }), []);
    const demo = experimentReports({ ...base, experiments: [experiment], demo: true });
    assert.equal(demo[0]?.arms.control.cost.n, 0);
    assert.match(demo[0]?.verdict.text ?? '', /^Too few requests to tell yet \(0 requests on the alternative, 0 on the current order/);
  });

  it('counts no signal of another experiment or without a request', () => {
    const other = signals.map((s) => ({ ...s, req: { ...s.req!, experiment: { id: 'other', arm: 'control' as const } } }));
    const bare = signals.map(({ req: _req, ...s }) => s);
    for (const list of [other, bare]) {
      const arms = experimentArms('cheap-coding', [digest], tallyJudged(judgedRequests(list, false).values()).experiments, false);
      assert.deepEqual([arms.control.judged, arms.alternative.judged, arms.control.retried], [0, 0, 0]);
      assert.equal(arms.control.cost.n, 60);
    }
  });
});
