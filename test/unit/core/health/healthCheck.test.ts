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
  percentile,
} from '../../../../src/core/health/healthCheck';
import type { HealthMetric, HealthReport } from '../../../../src/core/health/healthCheck';
import type { LedgerRecord } from '../../../../src/core/ledger/ledgerRecord';
import { record } from '../ledger/ledgerFixtures';

const NOW = Date.parse('2026-11-22T18:00:00.000Z');
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();

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

  it('says what is high, the limit and the sample in words', () => {
    const report = checkHealth(mix(100, 31, { servedPool: 'reasoning' }), NOW);
    assert.equal(
      describeReading(metric(report, 'premium-share')),
      '31% of answers came from the reasoning pool (limit 30%) over the last 100 requests',
    );
    const slow = checkHealth(mix(100, 6, { latencyMs: 12_340 }), NOW);
    assert.match(describeReading(metric(slow, 'p95-latency')), /took over 12\.3 s \(limit 10\.0 s\)/);
  });

  it('percentile is nearest-rank', () => {
    assert.equal(percentile([], 0.95), 0);
    assert.equal(percentile([5], 0.95), 5);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95), 10);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5), 5);
  });
});
