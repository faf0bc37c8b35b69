// Health readings over the rolling window: each threshold crossed just above its limit and not at it, demo and old
// records left out, too few requests judged not at all, and each alert told once per day.

import * as assert from 'node:assert/strict';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  alertsDue,
  HEALTH_STEP,
  checkHealth,
  checkHealthInSteps,
  describeReading,
  formatHealthValue,
  HealthColumns,
  percentile,
} from '../../../../src/core/health/healthCheck';
import type { HealthMetric, HealthReport } from '../../../../src/core/health/healthCheck';
import type { LedgerRecord } from '../../../../src/core/ledger/ledgerRecord';
import { record } from '../ledger/ledgerFixtures';

const NOW = Date.parse('2026-11-22T18:00:00.000Z');
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();
const DAY_MS = 86_400_000;
const WINDOW_START = NOW - 7 * DAY_MS;

/** `n` records, the first `k` of them changed by `special`. */
function mix(n: number, k: number, special: Partial<LedgerRecord>): LedgerRecord[] {
  return Array.from({ length: n }, (_, i) => record({ time: at(i % 100), ...(i < k ? special : {}) }));
}

const metric = (report: HealthReport, m: HealthMetric) => {
  const r = report.readings.find((x) => x.metric === m);
  assert.ok(r, m);
  return r;
};

describe('health check in steps (the spend panel and the alerts after each request)', () => {
  it('a p95 that lands on records without a latency (hand-edited lines) reads 0, not NaN', () => {
    assert.equal(percentile([100, Number.NaN, Number.NaN], 0.95), 0);
    assert.equal(percentile([100, 200, Number.NaN], 0.5), 200);
    const records = mix(40, 0, {}).map((r, i) => (i < 3 ? ({ ...r, latencyMs: undefined } as unknown as LedgerRecord) : r));
    assert.equal(metric(checkHealth(records, NOW), 'p95-latency').value, 0);
  });

  it('gives checkHealth\'s report, counting at most one step of records between pauses', async () => {
    const n = HEALTH_STEP * 3 + 17;
    const records = Array.from({ length: n }, (_, i) =>
      record({
        time: at((n - i) / 100),
        costMicros: i % 7,
        latencyMs: (i * 37) % 5000,
        ...(i % 5 === 0 ? { servedPool: 'reasoning' as const } : {}),
        ...(i % 11 === 0 ? { outcome: 'failed' as const } : {}),
        ...(i % 13 === 0 ? { escalated: true } : {}),
        ...(i % 17 === 0 ? { demo: true } : {}),
      }),
    );
    let counted = 0;
    let pauses = 0;
    let longest = 0;
    // Date.parse runs once per record looked at: counting calls between pauses measures each synchronous step.
    const parse = Date.parse;
    Date.parse = (s: string) => {
      counted++;
      return parse(s);
    };
    let stepped: HealthReport;
    try {
      stepped = await checkHealthInSteps(records, NOW, DEFAULT_HEALTH_THRESHOLDS, { days: 7, minRequests: 20 }, false, async () => {
        pauses++;
        longest = Math.max(longest, counted);
        counted = 0;
      });
    } finally {
      Date.parse = parse;
    }
    longest = Math.max(longest, counted);
    assert.deepEqual(stepped, checkHealth(records, NOW));
    assert.equal(pauses, 3);
    assert.ok(longest <= HEALTH_STEP, `a step counted ${longest} records`);
    assert.ok(stepped.readings.every((r) => r.sample > 0));
  });

  it('stops at a record a day older than the window, as checkHealth does', async () => {
    const records = [record({ time: at(24 * 9) }), record({ time: at(24 * 7.5), costMicros: 1000 }), ...mix(30, 0, {})];
    let pauses = 0;
    const report = await checkHealthInSteps(records, NOW, DEFAULT_HEALTH_THRESHOLDS, { days: 7, minRequests: 20 }, false, async () => void pauses++, 10);
    assert.deepEqual(report, checkHealth(records, NOW));
    assert.equal(report.requests, 30);
    assert.equal(pauses, 3);
  });

  it('stops at a record a day older than the window across the columns\' parts too, pausing every step', async () => {
    // The older part holds a window record appended before the day-old one: the scan has ended by then.
    const columns = HealthColumns.concat([HealthColumns.of([record({ time: at(1) })]), HealthColumns.of([record({ time: at(24 * 9) }), ...mix(25, 0, {})])]);
    let pauses = 0;
    const report = await checkHealthInSteps(columns, NOW, DEFAULT_HEALTH_THRESHOLDS, { days: 7, minRequests: 20 }, false, async () => void pauses++, 10);
    assert.equal(report.requests, 25);
    assert.equal(pauses, 2);
    assert.deepEqual(report, checkHealth(columns, NOW));
    assert.equal(checkHealth(columns, NOW).requests, 25);
  });
});

describe('health check', () => {
  it('premium share: 30 of 100 answers from reasoning is at the limit, 31 crosses it', () => {
    const atLimit = checkHealth(mix(100, 30, { servedPool: 'reasoning' }), NOW);
    assert.equal(metric(atLimit, 'premium-share').value, 0.3);
    assert.equal(metric(atLimit, 'premium-share').crossed, false);
    const over = checkHealth(mix(100, 31, { servedPool: 'reasoning' }), NOW);
    assert.equal(metric(over, 'premium-share').crossed, true);
    assert.equal(metric(over, 'premium-share').sample, 100);
  });

  it('cost per request: an average of exactly $0.05 is fine, one micro-dollar more is not', () => {
    assert.equal(metric(checkHealth(mix(20, 20, { costMicros: 50_000 }), NOW), 'cost-per-request').crossed, false);
    const over = checkHealth([...mix(19, 19, { costMicros: 50_000 }), record({ time: at(1), costMicros: 50_020 })], NOW);
    assert.equal(metric(over, 'cost-per-request').value, 50_001);
    assert.equal(metric(over, 'cost-per-request').crossed, true);
  });

  it('escalation and failure rates leave cancelled requests out of the count', () => {
    // 10 failed of 100 answered is 10% (at the limit); 5 cancelled do not dilute it or add to it.
    const records = [...mix(100, 10, { outcome: 'failed', servedBy: null, servedPool: null }), ...mix(5, 5, { outcome: 'cancelled' })];
    const report = checkHealth(records, NOW);
    assert.equal(metric(report, 'failure-rate').value, 0.1);
    assert.equal(metric(report, 'failure-rate').sample, 100);
    assert.equal(metric(report, 'failure-rate').crossed, false);
    const worse = checkHealth([...records, record({ time: at(2), outcome: 'failed' })], NOW);
    assert.equal(metric(worse, 'failure-rate').crossed, true);
    const escalated = checkHealth(mix(100, 41, { escalated: true }), NOW);
    assert.equal(metric(escalated, 'escalation-rate').value, 0.41);
    assert.equal(metric(escalated, 'escalation-rate').crossed, true);
  });

  it('p95 latency over served answers only: 6 slow of 100 crosses, 5 does not', () => {
    const five = checkHealth(mix(100, 5, { latencyMs: 30_000 }), NOW);
    assert.equal(metric(five, 'p95-latency').value, 900);
    assert.equal(metric(five, 'p95-latency').crossed, false);
    const six = checkHealth(mix(100, 6, { latencyMs: 30_000 }), NOW);
    assert.equal(metric(six, 'p95-latency').value, 30_000);
    assert.equal(metric(six, 'p95-latency').crossed, true);
    // A failed request's long wait is a failure, not an answer's latency.
    const failedSlow = checkHealth(mix(100, 6, { latencyMs: 30_000, outcome: 'failed' }), NOW);
    assert.equal(metric(failedSlow, 'p95-latency').crossed, false);
  });

  it('judges nothing with fewer than 20 requests in the window', () => {
    const report = checkHealth(mix(19, 19, { servedPool: 'reasoning', costMicros: 900_000 }), NOW);
    assert.equal(report.tooFew, true);
    assert.ok(report.readings.every((r) => !r.crossed));
    assert.equal(checkHealth(mix(20, 20, { servedPool: 'reasoning' }), NOW).tooFew, false);
  });

  it('leaves out demo records (real ones in demo mode) and records older than seven days', () => {
    const old = Array.from({ length: 50 }, () => record({ time: new Date(NOW - 8 * 86_400_000).toISOString(), servedPool: 'reasoning' }));
    const demo = mix(50, 50, { demo: true, servedPool: 'reasoning' });
    const report = checkHealth([...old, ...demo, ...mix(40, 0, {})], NOW);
    assert.equal(report.requests, 40);
    assert.equal(metric(report, 'premium-share').value, 0);
    // In demo mode only the demo requests are judged.
    const demoReport = checkHealth([...old, ...demo, ...mix(40, 0, {})], NOW, DEFAULT_HEALTH_THRESHOLDS, { days: 7, minRequests: 20 }, true);
    assert.equal(demoReport.requests, 50);
    assert.equal(metric(demoReport, 'premium-share').value, 1);
  });

  it('reads a big ledger from its end: records a day older than the window stop the scan', () => {
    // A request that started just before the window but was appended after newer ones still ends the scan correctly.
    const old = record({ time: new Date(NOW - 30 * 86_400_000).toISOString(), servedPool: 'reasoning' });
    const all = [...Array.from({ length: 100_000 }, () => old), ...mix(40, 0, {}), record({ time: new Date(NOW - 7.5 * 86_400_000).toISOString() })];
    let reads = 0;
    const counted = new Proxy(all, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const report = checkHealth(counted, NOW);
    assert.equal(report.requests, 40);
    assert.equal(metric(report, 'premium-share').value, 0);
    assert.equal(reads, 42, 'the window, the late-appended record and the first old one');
  });

  it('counts a record at the window\'s first moment and at now, not one after now', () => {
    const window = { days: 7, minRequests: 1 };
    const times = [WINDOW_START - 1, WINDOW_START, NOW, NOW + 1].map((ms) => record({ time: new Date(ms).toISOString() }));
    assert.equal(checkHealth(times, NOW, DEFAULT_HEALTH_THRESHOLDS, window).requests, 2);
    assert.equal(checkHealth(HealthColumns.of(times), NOW, DEFAULT_HEALTH_THRESHOLDS, window).requests, 2);
  });

  it('a record exactly a day older than the window does not end the scan yet; one a moment older does', () => {
    const window = { days: 7, minRequests: 1 };
    const late = (ms: number) => [...mix(30, 0, {}), record({ time: new Date(ms).toISOString() })];
    assert.equal(checkHealth(late(WINDOW_START - DAY_MS), NOW, DEFAULT_HEALTH_THRESHOLDS, window).requests, 30);
    assert.equal(checkHealth(late(WINDOW_START - DAY_MS - 1), NOW, DEFAULT_HEALTH_THRESHOLDS, window).requests, 0);
  });

  it('an empty window reads 0 everywhere, over a sample of 0', () => {
    const report = checkHealth([], NOW);
    assert.deepEqual(report.readings.map((r) => [r.metric, r.value, r.sample, r.crossed]), [
      ['premium-share', 0, 0, false],
      ['cost-per-request', 0, 0, false],
      ['escalation-rate', 0, 0, false],
      ['failure-rate', 0, 0, false],
      ['p95-latency', 0, 0, false],
    ]);
    assert.equal(report.tooFew, true);
  });

  it('a reading over no requests is never crossed, even under a limit below zero', () => {
    // One cancelled request: counted for cost, but nothing answered or served.
    const below = { premiumShare: -1, costPerRequestMicros: -1, escalationRate: -1, failureRate: -1, p95LatencyMs: -1 };
    const report = checkHealth([record({ time: at(1), outcome: 'cancelled' })], NOW, below, { days: 7, minRequests: 1 });
    assert.deepEqual(report.readings.map((r) => [r.metric, r.sample, r.crossed]), [
      ['premium-share', 0, false],
      ['cost-per-request', 1, true],
      ['escalation-rate', 0, false],
      ['failure-rate', 0, false],
      ['p95-latency', 0, false],
    ]);
  });

  it('thresholds come from the caller', () => {
    const strict = { ...DEFAULT_HEALTH_THRESHOLDS, premiumShare: 0.05 };
    assert.equal(metric(checkHealth(mix(100, 6, { servedPool: 'reasoning' }), NOW, strict), 'premium-share').crossed, true);
  });

  it('tells each crossed metric once per local day', () => {
    const report = checkHealth(mix(100, 50, { servedPool: 'reasoning', escalated: true }), NOW);
    const first = alertsDue(report, {}, NOW);
    assert.deepEqual(first.due.map((r) => r.metric), ['premium-share', 'escalation-rate']);
    const again = alertsDue(report, first.told, NOW + 60_000);
    assert.equal(again.due.length, 0);
    const tomorrow = alertsDue(report, again.told, NOW + 86_400_000);
    assert.deepEqual(tomorrow.due.map((r) => r.metric), ['premium-share', 'escalation-rate']);
  });

  it('tells a metric again the same day when its limit changed (a lowered limit is a new question)', () => {
    const slow = mix(100, 10, { latencyMs: 12_340 });
    const first = alertsDue(checkHealth(slow, NOW), {}, NOW);
    assert.deepEqual(first.due.map((r) => r.metric), ['p95-latency']);
    assert.equal(alertsDue(checkHealth(slow, NOW), first.told, NOW + 60_000).due.length, 0, 'same limit: told once');
    const stricter = { ...DEFAULT_HEALTH_THRESHOLDS, p95LatencyMs: 0 };
    assert.deepEqual(alertsDue(checkHealth(slow, NOW, stricter), first.told, NOW + 60_000).due.map((r) => r.metric), ['p95-latency']);
    // A day stored bare (before limits were kept) still counts as told today.
    const bare = { 'p95-latency': Object.values(first.told)[0]!.split('@')[0]! };
    assert.equal(alertsDue(checkHealth(slow, NOW, stricter), bare, NOW + 60_000).due.length, 0);
  });

  it('keeps what was told for the metrics not due now', () => {
    const report = checkHealth(mix(100, 50, { servedPool: 'reasoning' }), NOW);
    const lastTold = { 'failure-rate': '2026-11-20@0.1', 'p95-latency': '2026-11-21' };
    const { due, told } = alertsDue(report, lastTold, NOW);
    assert.deepEqual(due.map((r) => r.metric), ['premium-share']);
    assert.deepEqual(told, { ...lastTold, 'premium-share': alertsDue(report, {}, NOW).told['premium-share'] });
  });

  it('says what is high, the limit and the sample in words', () => {
    const report = checkHealth(mix(100, 31, { servedPool: 'reasoning' }), NOW);
    assert.equal(
      describeReading(metric(report, 'premium-share')),
      '31% of answers came from the reasoning pool (limit 30%) over the last 100 requests',
    );
    const slow = checkHealth(mix(100, 6, { latencyMs: 12_340 }), NOW);
    assert.match(describeReading(metric(slow, 'p95-latency')), /took over 12\.3 s \(limit 10\.0 s\)/);
  });

  it('says cost, escalation and failure readings in words, dollars with 4 decimals under a cent and 3 from it', () => {
    const over = checkHealth([...mix(100, 45, { escalated: true }), ...mix(20, 20, { outcome: 'failed', costMicros: 600_000 })], NOW);
    assert.equal(
      describeReading(metric(over, 'cost-per-request')),
      'a request cost $0.100 on average (limit $0.050) over the last 120 requests',
    );
    assert.equal(
      describeReading(metric(over, 'escalation-rate')),
      '37.5% of requests left their pool because its models failed (limit 40%) over the last 120 requests',
    );
    assert.equal(describeReading(metric(over, 'failure-rate')), '16.7% of requests failed (limit 10%) over the last 120 requests');
    assert.equal(formatHealthValue('cost-per-request', 9_999), '$0.0100');
    assert.equal(formatHealthValue('cost-per-request', 10_000), '$0.010');
    assert.equal(formatHealthValue('cost-per-request', 450), '$0.0005');
  });

  it('percentile is nearest-rank', () => {
    assert.equal(percentile([], 0.95), 0);
    assert.equal(percentile([5], 0.95), 5);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95), 10);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5), 5);
  });

  it('percentile sorts its values and keeps p within them', () => {
    assert.equal(percentile([30, 10, 20], 0.5), 20);
    assert.equal(percentile([30, 10, 20], 0), 10);
    assert.equal(percentile([30, 10, 20], 1), 30);
    assert.equal(percentile([30, 10, 20], 1.5), 30);
  });
});
