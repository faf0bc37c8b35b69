// `triage.providers`: shipped defaults, user entries, and a clear message for every bad value (never a crash).

import { strict as assert } from 'node:assert';
import { DEFAULT_PROVIDERS, validateProviderSettings } from '../../../src/providers/providerSettings';

describe('providers/providerSettings', () => {
  it('ships ollama, openai, anthropic and deepseek when nothing is set', () => {
    const { value, problems } = validateProviderSettings(undefined);
    assert.deepEqual(problems, []);
    assert.deepEqual(value, DEFAULT_PROVIDERS);
  });

  it('adds or replaces providers, and null removes a shipped one', () => {
    const { value, problems } = validateProviderSettings({
      lmstudio: { kind: 'openai', baseUrl: 'http://127.0.0.1:1234/v1', timeoutMs: 30000 },
      deepseek: { kind: 'openai', baseUrl: 'https://api.deepseek.com', queueTimeoutMs: 5000 },
      anthropic: null,
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(value.find((p) => p.id === 'lmstudio'), { id: 'lmstudio', kind: 'openai', baseUrl: 'http://127.0.0.1:1234/v1', timeoutMs: 30000 });
    assert.equal(value.find((p) => p.id === 'deepseek')?.queueTimeoutMs, 5000);
    assert.equal(value.find((p) => p.id === 'anthropic'), undefined);
  });

  it('names the setting for each bad value and keeps the rest', () => {
    const { value, problems } = validateProviderSettings({
      'bad id!': { kind: 'openai', baseUrl: 'https://x.example' },
      weird: { kind: 'gemini', baseUrl: 'https://x.example' },
      creds: { kind: 'openai', baseUrl: 'https://user:pass@x.example/v1' },
      slow: { kind: 'openai', baseUrl: 'https://slow.example/v1', timeoutMs: 10, queueTimeoutMs: 'soon' },
    });
    assert.equal(problems.length, 5);
    assert.match(problems.join('\n'), /triage\.providers\.bad id!: a provider id may hold only/);
    assert.match(problems.join('\n'), /triage\.providers\.weird: expected \{"kind"/);
    assert.match(problems.join('\n'), /triage\.providers\.creds\.baseUrl: .* is not an http\(s\) URL/);
    assert.match(problems.join('\n'), /triage\.providers\.slow\.timeoutMs: 10 is not a whole number of ms ≥ 1000/);
    assert.match(problems.join('\n'), /triage\.providers\.slow\.queueTimeoutMs: .* using the default/);
    const slow = value.find((p) => p.id === 'slow');
    assert.deepEqual(slow, { id: 'slow', kind: 'openai', baseUrl: 'https://slow.example/v1', timeoutMs: 30000 });
    assert.ok(!value.some((p) => ['bad id!', 'weird', 'creds'].includes(p.id)));
  });

  it('keeps the defaults when the setting is not an object', () => {
    const { value, problems } = validateProviderSettings('openai');
    assert.deepEqual(value, DEFAULT_PROVIDERS);
    assert.match(problems[0] ?? '', /triage\.providers: expected an object/);
  });
});

describe('providers: settings — missing baseUrl', () => {
  it('{"kind":"openai"} without baseUrl is reported as missing baseUrl and left out', () => {
    const { value, problems } = validateProviderSettings({ proxy: { kind: 'openai' } });
    assert.deepEqual(problems, ['triage.providers.proxy: "baseUrl" is missing — a provider of kind "openai" needs the http(s) URL of its API; ignored']);
    assert.ok(!value.some((p) => p.id === 'proxy'));
  });
});
