// host/settings.ts read without VS Code: defaults, each bad value a named problem with its fallback, nothing thrown.

import { strict as assert } from 'node:assert';
import { readSettings, type SettingsSource } from '../../../src/host/settings';

/** What workspace.getConfiguration('triage') answers for these values (keys below `triage.`). */
function source(values: Record<string, unknown>): SettingsSource {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

describe('host/settings: the settings reader', () => {
  it('uses the defaults when nothing is set, with no problems', () => {
    const s = readSettings(source({}));
    assert.deepEqual(s.problems, []);
    assert.equal(s.classifier.mode, 'embedded');
    assert.equal(s.classifier.ollamaModel, 'qwen2.5:1.5b');
    assert.equal(s.classifier.timeoutMs, 1500);
    assert.equal('margin' in s.classifier, false);
    assert.equal(s.router.privacyMode, 'local');
    assert.equal(s.router.classifierMode, 'embedded');
    assert.equal(s.router.cacheTtlMinutes, 24 * 60);
    assert.equal(s.router.meaningModel, 'nomic-embed-text');
    assert.equal(s.router.meaningThreshold, 0.95);
    assert.equal(s.maxOutputTokens, 2048);
    assert.equal(s.demo, false);
  });

  it('takes valid values (numbers rounded, text trimmed, demo only when exactly true)', () => {
    const s = readSettings(source({
      'classifier.mode': 'auto', 'classifier.ollamaModel': '  llama3.2:1b ', 'classifier.timeoutMs': 2500.4, 'classifier.underRoutingCost': 1,
      'privacy.mode': 'redact', 'cache.ttlMinutes': 0, 'cache.meaning.model': ' ', 'cache.meaning.threshold': 0.5, maxOutputTokens: 64, demo: true,
    }));
    assert.deepEqual(s.problems, []);
    assert.equal(s.classifier.mode, 'auto');
    assert.equal(s.classifier.ollamaModel, 'llama3.2:1b');
    assert.equal(s.classifier.timeoutMs, 2500);
    assert.equal(s.classifier.margin, 1);
    assert.equal(s.router.privacyMode, 'redact');
    assert.equal(s.router.cacheTtlMinutes, 0);
    assert.equal(s.router.meaningModel, '', 'empty text turns the meaning cache off');
    assert.equal(s.router.meaningThreshold, 0.5);
    assert.equal(s.maxOutputTokens, 64);
    assert.equal(s.demo, true);
    assert.equal(readSettings(source({ demo: 'true' })).demo, false);
    assert.equal(readSettings(source({ 'cache.meaning.threshold': 1 })).router.meaningThreshold, 1);
  });

  it('names each bad value with its setting and falls back, never throwing', () => {
    const s = readSettings(source({
      'classifier.mode': 'cloud', 'classifier.ollamaModel': '', 'classifier.timeoutMs': 99, 'classifier.underRoutingCost': 0.99,
      'privacy.mode': 'none', 'cache.ttlMinutes': -1, 'cache.meaning.model': 3, 'cache.meaning.threshold': 0.49, maxOutputTokens: 63,
    }));
    assert.deepEqual(s.problems, [
      "triage.classifier.mode: 'cloud' is not one of embedded, ollama, auto — using embedded",
      "triage.classifier.ollamaModel: expected text — using 'qwen2.5:1.5b'",
      'triage.classifier.timeoutMs: expected a number ≥ 100 — using 1500',
      'triage.classifier.underRoutingCost: expected a number ≥ 1 — using the tuned default',
      "triage.privacy.mode: 'none' is not one of local, redact — using local",
      'triage.cache.ttlMinutes: expected a number ≥ 0 — using 1440',
      "triage.cache.meaning.model: expected text — using 'nomic-embed-text'",
      'triage.cache.meaning.threshold: expected a number from 0.5 to 1 — using 0.95',
      'triage.maxOutputTokens: expected a number ≥ 64 — using 2048',
    ]);
    assert.equal(s.classifier.mode, 'embedded');
    assert.equal(s.router.privacyMode, 'local');
    assert.equal(s.classifier.timeoutMs, 1500);
    assert.equal(s.maxOutputTokens, 2048);
    assert.equal(readSettings(source({ 'cache.meaning.threshold': 1.01 })).problems.length, 1);
    assert.equal(readSettings(source({ 'classifier.timeoutMs': Number.NaN })).problems.length, 1);
  });

  it('reads the edit gate time box: 1500 ms by default, 0 turns it off, a negative value is named', () => {
    assert.equal(readSettings(source({})).editDiagnosticsTimeoutMs, 1500);
    assert.equal(readSettings(source({ 'edit.diagnosticsTimeoutMs': 0 })).editDiagnosticsTimeoutMs, 0);
    assert.equal(readSettings(source({ 'edit.diagnosticsTimeoutMs': 4000.2 })).editDiagnosticsTimeoutMs, 4000);
    const bad = readSettings(source({ 'edit.diagnosticsTimeoutMs': -1 }));
    assert.deepEqual(bad.problems, ['triage.edit.diagnosticsTimeoutMs: expected a number ≥ 0 — using 1500']);
    assert.equal(bad.editDiagnosticsTimeoutMs, 1500);
  });

  it('reports problems of the nested validators (providers, pools, budget) under their settings', () => {
    const s = readSettings(source({ 'budget.dailyUsd': -5, providers: 'nope' }));
    assert.ok(s.problems.some((p) => p.startsWith('triage.budget.dailyUsd')), s.problems.join('\n'));
    assert.ok(s.problems.some((p) => p.startsWith('triage.providers')), s.problems.join('\n'));
  });
  it('reads triage.experiments against the configured providers, naming a bad one', () => {
    const good = { id: 'haiku-coding', pool: 'coding', models: ['anthropic:claude-haiku-5-5'], share: 0.2, start: '2026-12-01', endAfterRequests: 200 };
    const s = readSettings(source({ experiments: [good, { ...good, id: 'other', pool: 'quick', models: ['nowhere:model'] }] }));
    assert.deepEqual(s.router.experiments?.map((e) => e.id), ['haiku-coding']);
    assert.deepEqual(s.problems, ["triage.experiments[1]: \"models\": 'nowhere:model' names the unknown provider 'nowhere' — this experiment does not run"]);
    assert.deepEqual(readSettings(source({})).router.experiments, []);
  });
});
