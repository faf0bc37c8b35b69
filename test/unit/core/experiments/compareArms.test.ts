// The arms' comparison: intervals that match textbook values, and verdicts that wait inside noise.

import * as assert from 'node:assert/strict';
import { armSamples, compareArms, meanDifference, MIN_PER_ARM, momentsDifference, proportionDifference } from '../../../../src/core/experiments/compareArms';
import { mergeMoments, momentsOf } from '../../../../src/core/experiments/moments';
import type { ArmSample } from '../../../../src/core/experiments/compareArms';

const repeat = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));
const arm = (n: number, cost: (i: number) => number, judged: number, accepted: number, retried = 0): ArmSample => ({
  cost: momentsOf(repeat(n, cost)),
  latency: momentsOf(repeat(n, (i) => 1000 + (i % 7) * 100)),
  judged,
  accepted,
  retried,
});

describe('experiments: comparing arms', () => {
  it("Welch's interval matches a worked example (t with ~df 9)", () => {
    // Two samples of 5 with variances 2.5 and 10: se = sqrt(0.5 + 2) = 1.5811, Welch df = 6.25/(0.0625+1) = 5.88.
    const d = meanDifference([1, 2, 3, 4, 5], [3, 5, 7, 9, 11]);
    assert.equal(d.difference, 4);
    // t(0.975, 5.88) ≈ 2.45: 4 ± 3.87.
    assert.ok(Math.abs(d.high! - d.low! - 2 * 2.45 * 1.5811) < 0.1, `${d.low}..${d.high}`);
  });

  it('moments merged day by day give the interval of all the values at once', () => {
    const control = repeat(90, (i) => 10_000 + ((i * 37) % 11) * 700);
    const alternative = repeat(70, (i) => 4_000 + ((i * 53) % 13) * 300);
    const byDay = (xs: number[]) => [xs.slice(0, 20), xs.slice(20, 21), [], xs.slice(21)].map(momentsOf).reduce(mergeMoments);
    const whole = meanDifference(control, alternative);
    const merged = momentsDifference(byDay(control), byDay(alternative));
    for (const k of ['difference', 'low', 'high'] as const) assert.ok(Math.abs(whole[k]! - merged[k]!) < 1e-6, `${k}: ${whole[k]} vs ${merged[k]}`);
    assert.ok(whole.low! < -5000 && whole.high! > -8000);
  });

  it('the proportion interval excludes zero for 30% vs 70% of 100, and not for 50% vs 55% of 40', () => {
    const big = proportionDifference(30, 100, 70, 100);
    assert.ok(big.low! > 0.25 && big.high! < 0.55, `${big.low}..${big.high}`);
    const small = proportionDifference(20, 40, 22, 40);
    assert.ok(small.low! < 0 && small.high! > 0);
  });

  it('waits below the minimum sample on either arm', () => {
    const v = compareArms(arm(100, () => 10_000, 50, 40), arm(MIN_PER_ARM - 1, () => 1_000, 10, 8));
    assert.equal(v.advice, 'wait');
    assert.match(v.text, /Too few requests to tell yet \(19 requests on the alternative, 100 on the current order; at least 20 each/);
  });

  it('advises adopting a clearly cheaper arm with the same acceptance', () => {
    const v = compareArms(arm(160, (i) => 10_000 + (i % 5) * 500, 80, 64), arm(40, (i) => 3_000 + (i % 5) * 200, 20, 16));
    assert.equal(v.advice, 'adopt');
    assert.equal(v.metrics.find((m) => m.metric === 'cost per request')?.real, true);
    assert.equal(v.metrics.find((m) => m.metric === 'acceptance')?.real, false);
    assert.match(v.text, /cheaper, a real difference.*acceptance 80% against 80%, within noise.*adopting it looks safe/);
  });

  it('advises keeping the current order when the cheaper arm is accepted clearly less', () => {
    const v = compareArms(arm(200, () => 10_000, 100, 85), arm(200, () => 3_000, 100, 50));
    assert.equal(v.advice, 'keep');
    assert.match(v.text, /acceptance 50% against 85% \(a real difference\).*look worse/);
  });

  it('keeps the current order when the alternative is retried clearly more', () => {
    const v = compareArms(arm(200, () => 10_000, 0, 0, 4), arm(200, () => 3_000, 0, 0, 40));
    assert.equal(v.advice, 'keep');
  });

  it('calls a cost difference inside the noise within noise and waits', () => {
    const noisy = (i: number): number => ((i * 7919) % 100) * 200;
    const v = compareArms(arm(60, noisy, 30, 24), arm(60, (i) => noisy(i + 3) + 300, 30, 24));
    assert.equal(v.advice, 'wait');
    assert.match(v.text, /within noise; .* No real difference yet: run it longer\./);
  });

  it('waits on a cheaper arm whose answers nobody judged yet', () => {
    const v = compareArms(arm(100, () => 10_000, 0, 0), arm(100, () => 2_000, 0, 0));
    assert.equal(v.advice, 'wait');
    assert.match(v.text, /acceptance is unknown.*run it longer before adopting/);
  });
});

describe('experiments: arm samples from the ledger and the quality signals', () => {
  it('puts each tagged record in its arm with its cost, latency, verdict and retry; demo and other experiments apart', () => {
    const rec = (id: string, arm: 'control' | 'alternative', costMicros: number, extra: object = {}) => ({ id, experiment: { id: 'x', arm }, costMicros, latencyMs: 500, outcome: 'ok', ...extra });
    const records = [
      rec('a1', 'alternative', 100),
      rec('a2', 'alternative', 300, { outcome: 'failed', latencyMs: 9000 }),
      rec('c1', 'control', 1000),
      rec('c2', 'control', 2000, { demo: true as const }),
      { id: 'o1', experiment: { id: 'other', arm: 'control' as const }, costMicros: 5, latencyMs: 1, outcome: 'ok' },
      { id: 'n1', costMicros: 7, latencyMs: 1, outcome: 'ok' },
    ];
    const quality = new Map([
      ['a1', { verdict: 'accepted' as const, retried: false }],
      ['a2', { verdict: 'rejected' as const, retried: true }],
      ['c1', { retried: true }],
    ]);
    const { control, alternative } = armSamples(records, quality, 'x');
    assert.deepEqual(alternative, { cost: momentsOf([100, 300]), latency: momentsOf([500]), judged: 2, accepted: 1, retried: 1 });
    assert.deepEqual(control, { cost: momentsOf([1000]), latency: momentsOf([500]), judged: 0, accepted: 0, retried: 1 });
    assert.deepEqual(armSamples(records, quality, 'x', true).control.cost, momentsOf([2000]));
  });
});
