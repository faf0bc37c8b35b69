// The Quality section's figures: verdicts and retries per serving pool and model, placed by the request each signal
// carries, over the requests that started in the period; "no sample" stays distinguishable from 0%.

import { strict as assert } from 'node:assert';
import { judgedRequests, qualityReport, tallyJudged } from '../../../../src/core/quality/qualityReport';
import type { QualitySignal, QualitySignalKind, SignalRequest } from '../../../../src/core/quality/qualitySignal';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-04T12:00:00.000Z');
const FROM = NOW - 7 * DAY;
const at = (ms: number) => new Date(ms).toISOString();

function req(model: string, pool: SignalRequest['pool'], startedMs = NOW - DAY, experiment?: SignalRequest['experiment']): SignalRequest {
  return { time: at(startedMs), pool, model, ...(experiment ? { experiment } : {}) };
}

function sig(id: string, signal: QualitySignalKind, request: SignalRequest | undefined, timeMs = NOW - DAY + 60_000, demo = false): QualitySignal {
  return { v: 1, time: at(timeMs), id, signal, ...(request ? { req: request } : {}), ...(demo ? { demo: true as const } : {}) };
}

const answered = {
  byPool: { quick: { n: 10, cost: 4_500 }, coding: { n: 4, cost: 40_000 } },
  byModel: { 'deepseek:deepseek-flash': { n: 10, cost: 4_500 }, 'openai:gpt-6': { n: 4, cost: 40_000 } },
};

describe('quality report', () => {
  it('counts each request once by its last edit or fix verdict, and retries over the answered requests', () => {
    const flash = req('deepseek:deepseek-flash', 'quick');
    const gpt = req('openai:gpt-6', 'coding');
    const signals = [
      sig('req-a1', 'edit-accepted', flash),
      sig('req-a2', 'edit-accepted', flash),
      // accepted, then undone a few seconds later: rejected
      sig('req-a3', 'edit-accepted', flash, NOW - DAY + 60_000),
      sig('req-a3', 'edit-undone', flash, NOW - DAY + 90_000),
      sig('req-a4', 'edit-rejected', flash),
      sig('req-a4', 'edit-rerun', flash),
      sig('req-b1', 'fix-applied', gpt),
      sig('req-b2', 'finding-dismissed', gpt),
      sig('req-b3', 'stronger-asked', gpt),
    ];
    const q = qualityReport(answered, tallyJudged(judgedRequests(signals, false).values(), FROM));
    assert.deepEqual(q.byPool, [
      { key: 'quick', requests: 10, costMicros: 4_500, judged: 4, accepted: 2, retried: 1 },
      { key: 'coding', requests: 4, costMicros: 40_000, judged: 2, accepted: 1, retried: 1 },
    ]);
    assert.deepEqual(q.byModel.map((r) => [r.key, r.judged, r.accepted, r.retried]), [
      ['deepseek:deepseek-flash', 4, 2, 1],
      ['openai:gpt-6', 2, 1, 1],
    ]);
    assert.equal(q.unknownRequests, 0);
  });

  it('gives no sample (judged 0) where nothing was judged, and copies or pool picks judge nothing', () => {
    const flash = req('deepseek:deepseek-flash', 'quick');
    const signals = [sig('req-c1', 'answer-copied', flash), sig('req-c2', 'answer-inserted', flash), { ...sig('req-c3', 'pool-override', flash), from: 'quick' as const, to: 'coding' as const }];
    const q = qualityReport(answered, tallyJudged(judgedRequests(signals, false).values(), FROM));
    assert.deepEqual(q.byPool.map((r) => [r.key, r.requests, r.judged, r.retried]), [
      ['quick', 10, 0, 0],
      ['coding', 4, 0, 0],
    ]);
    const none = qualityReport({ byPool: {}, byModel: {} }, tallyJudged([], FROM));
    assert.deepEqual(none, { byPool: [], byModel: [], unknownRequests: 0 });
  });

  it('leaves out signals about requests that started before the period, even when the signal is inside it', () => {
    const old = req('openai:gpt-6', 'coding', FROM - 60_000);
    const signals = [sig('req-d1', 'edit-rejected', old, NOW - 60_000), sig('req-d2', 'edit-accepted', req('openai:gpt-6', 'coding', FROM + 60_000))];
    const q = qualityReport(answered, tallyJudged(judgedRequests(signals, false).values(), FROM));
    assert.deepEqual(q.byPool.find((r) => r.key === 'coding'), { key: 'coding', requests: 4, costMicros: 40_000, judged: 1, accepted: 1, retried: 0 });
    const allTime = qualityReport(answered, tallyJudged(judgedRequests(signals, false).values(), null));
    assert.equal(allTime.byPool.find((r) => r.key === 'coding')?.judged, 2);
  });

  it('counts judged requests whose signals name no known request apart, in no pool or model', () => {
    const signals = [sig('req-e1', 'edit-accepted', undefined), sig('req-e2', 'edit-rejected', undefined), sig('req-e2', 'edit-rerun', undefined), sig('req-e3', 'answer-copied', undefined)];
    const q = qualityReport(answered, tallyJudged(judgedRequests(signals, false).values(), FROM));
    assert.equal(q.unknownRequests, 2);
    assert.ok(q.byPool.every((r) => r.judged === 0 && r.retried === 0));
  });

  it('takes the request from whichever signal carries it, in any order', () => {
    const gpt = req('openai:gpt-6', 'coding');
    const signals = [sig('req-f1', 'edit-undone', undefined, NOW - DAY + 90_000), sig('req-f1', 'edit-accepted', gpt, NOW - DAY + 60_000)];
    const j = judgedRequests(signals, false).get('req-f1');
    assert.deepEqual(j, { verdict: 'rejected', retried: false, req: gpt });
  });

  it('keeps demo signals with the demo figures and real ones with the real', () => {
    const flash = req('deepseek:deepseek-flash', 'quick');
    const signals = [sig('req-g1', 'edit-accepted', flash, undefined, true), sig('req-g2', 'edit-rejected', flash)];
    assert.deepEqual([...judgedRequests(signals, true).keys()], ['req-g1']);
    assert.deepEqual([...judgedRequests(signals, false).keys()], ['req-g2']);
  });

  it('shows a pool or model with signals but no answered request in the digests with zero requests, not a made-up count', () => {
    const signals = [sig('req-h1', 'edit-accepted', req('anthropic:claude-haiku', 'reasoning'))];
    const q = qualityReport(answered, tallyJudged(judgedRequests(signals, false).values(), FROM));
    assert.deepEqual(q.byPool.map((r) => r.key), ['quick', 'coding', 'reasoning']);
    assert.deepEqual(q.byPool[2], { key: 'reasoning', requests: 0, costMicros: 0, judged: 1, accepted: 1, retried: 0 });
  });
});
