// The triage.health setting: units converted, a bad field named and defaulted while the others apply.

import * as assert from 'node:assert/strict';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../../src/core/health/healthCheck';
import { DEFAULT_HEALTH_SETTINGS, validateHealthSettings } from '../../../../src/core/health/healthSettings';

describe('health settings', () => {
  it('absent: the seed defaults, alerts on', () => {
    assert.deepEqual(validateHealthSettings(undefined), { value: DEFAULT_HEALTH_SETTINGS, problems: [] });
    assert.equal(DEFAULT_HEALTH_SETTINGS.thresholds.premiumShare, 0.3);
    assert.equal(DEFAULT_HEALTH_SETTINGS.thresholds.costPerRequestMicros, 50_000);
    assert.equal(DEFAULT_HEALTH_SETTINGS.thresholds.p95LatencyMs, 10_000);
  });

  it('converts percent, dollars and seconds', () => {
    const r = validateHealthSettings({ premiumSharePercent: 20, costPerRequestUsd: 0.01, escalationPercent: 25, failurePercent: 5, p95LatencySeconds: 4.5, alerts: false });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.value, {
      alerts: false,
      thresholds: { premiumShare: 0.2, costPerRequestMicros: 10_000, escalationRate: 0.25, failureRate: 0.05, p95LatencyMs: 4500 },
      window: { days: 7, minRequests: 20 },
    });
    assert.deepEqual(validateHealthSettings({ minRequests: 5 }).value.window, { days: 7, minRequests: 5 });
    assert.equal(validateHealthSettings({ minRequests: 0 }).problems.length, 1);
    assert.equal(validateHealthSettings({ minRequests: 2.5 }).value.window.minRequests, 20);
  });

  it('names a bad field and keeps its default while the others apply', () => {
    const r = validateHealthSettings({ premiumSharePercent: 150, failurePercent: 'lots', p95LatencySeconds: 20, alerts: 'yes' });
    assert.equal(r.value.thresholds.premiumShare, DEFAULT_HEALTH_THRESHOLDS.premiumShare);
    assert.equal(r.value.thresholds.failureRate, DEFAULT_HEALTH_THRESHOLDS.failureRate);
    assert.equal(r.value.thresholds.p95LatencyMs, 20_000);
    assert.equal(r.value.alerts, true);
    assert.deepEqual(r.problems, [
      'triage.health.premiumSharePercent: 150 is not a number from 0 to 100 — using 30',
      "triage.health.failurePercent: 'lots' is not a number from 0 to 100 — using 10",
      "triage.health.alerts: 'yes' is not true or false — using true",
    ]);
  });

  it('a non-object is one problem, defaults used', () => {
    const r = validateHealthSettings([1]);
    assert.deepEqual(r.value, DEFAULT_HEALTH_SETTINGS);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0] ?? '', /^triage\.health: expected an object/);
  });

  it('null, for the whole setting or a field, is as absent', () => {
    assert.deepEqual(validateHealthSettings(null), { value: DEFAULT_HEALTH_SETTINGS, problems: [] });
    assert.deepEqual(validateHealthSettings({ premiumSharePercent: null, minRequests: null, alerts: null }), { value: DEFAULT_HEALTH_SETTINGS, problems: [] });
  });

  it('a string or a number for the whole setting is one problem, defaults used', () => {
    assert.deepEqual(validateHealthSettings('high'), {
      value: DEFAULT_HEALTH_SETTINGS,
      problems: ["triage.health: expected an object, got 'high' — using the defaults"],
    });
    assert.equal(validateHealthSettings(5).problems.length, 1);
  });

  it('takes each range\'s ends, 0 and the maximum, and refuses just past them', () => {
    const ends = validateHealthSettings({ premiumSharePercent: 0, failurePercent: 100, p95LatencySeconds: 3600, minRequests: 1 });
    assert.deepEqual(ends.problems, []);
    assert.equal(ends.value.thresholds.premiumShare, 0);
    assert.equal(ends.value.thresholds.failureRate, 1);
    assert.equal(ends.value.thresholds.p95LatencyMs, 3_600_000);
    assert.equal(ends.value.window.minRequests, 1);
    assert.equal(validateHealthSettings({ minRequests: 100_000 }).value.window.minRequests, 100_000);
    const past = validateHealthSettings({ escalationPercent: -0.5, minRequests: 100_001 });
    assert.equal(past.value.thresholds.escalationRate, DEFAULT_HEALTH_THRESHOLDS.escalationRate);
    assert.equal(past.value.window.minRequests, 20);
    assert.deepEqual(past.problems, [
      'triage.health.escalationPercent: -0.5 is not a number from 0 to 100 — using 40',
      'triage.health.minRequests: 100001 is not a whole number from 1 to 100000 — using 20',
    ]);
  });
});
