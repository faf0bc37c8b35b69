// host/lm/lmErrors.ts: what a failed vscode.lm request means for the cascade, by LanguageModelError code and error name.

import { strict as assert } from 'node:assert';
import { lmProviderError } from '../../../src/host/lm/lmErrors';
import { readSettings, type SettingsSource } from '../../../src/host/settings';

/** What VS Code's LanguageModelError.NoPermissions() & co. look like once they cross to the caller's extension host. */
function lmError(code: string, message = 'm'): Error {
  return Object.assign(new Error(message), { name: 'LanguageModelError', code });
}
const MODEL = 'copilot/gpt-5-mini';

describe('host/lm: LanguageModelError codes as cascade signals', () => {
  it('NoPermissions: auth, remembered for the model alone', () => {
    const e = lmProviderError(lmError('NoPermissions'), MODEL, false);
    assert.equal(e.kind, 'auth');
    assert.equal(e.options.scope, 'model');
    assert.match(e.message, /copilot\/gpt-5-mini did not let Triage use it/);
  });

  it('NotFound: not-found, remembered for the model alone', () => {
    const e = lmProviderError(lmError('NotFound'), MODEL, false);
    assert.equal(e.kind, 'not-found');
    assert.equal(e.options.scope, 'model');
  });

  it('Blocked (Copilot: too many requests, try later) and Copilot’s quota and rate-limit errors: rate limits', () => {
    const blocked = lmProviderError(lmError('Blocked'), MODEL, false);
    assert.equal(blocked.kind, 'rate-limit');
    assert.equal(blocked.options.scope, undefined);
    const quota = lmProviderError(Object.assign(new Error('q'), { name: 'ChatQuotaExceeded', code: 'Unknown' }), MODEL, false);
    assert.equal(quota.kind, 'rate-limit');
    assert.equal(quota.retryAfterMs, 3_600_000);
    assert.equal(lmProviderError(Object.assign(new Error('r'), { name: 'ChatRateLimited' }), MODEL, false).kind, 'rate-limit');
  });

  it('a cancel (ours, or VS Code’s CancellationError) is cancelled, never a fallback', () => {
    assert.equal(lmProviderError(lmError('NoPermissions'), MODEL, true).kind, 'cancelled');
    assert.equal(lmProviderError(Object.assign(new Error('Canceled'), { name: 'Canceled' }), MODEL, false).kind, 'cancelled');
  });

  it('anything else (the vendor’s own failure, a filtered answer) moves on as unavailable, without message text', () => {
    const e = lmProviderError(Object.assign(new Error('secret prompt text'), { code: 'Unknown' }), MODEL, false);
    assert.equal(e.kind, 'unavailable');
    assert.equal(e.message.includes('secret prompt text'), false);
    assert.equal(lmProviderError('a string', MODEL, false).kind, 'unavailable');
  });
});

describe('host/settings: vscode-lm pool members', () => {
  const source = (values: Record<string, unknown>): SettingsSource => ({ get: <T>(key: string) => values[key] as T | undefined });

  it('takes vscode-lm:<vendor>/<family> in a pool with no triage.providers entry and no problem', () => {
    const s = readSettings(source({ pools: { quick: ['vscode-lm:copilot/gpt-5-mini', 'openai:gpt-6-luna'] } }));
    assert.deepEqual(s.problems, []);
    assert.deepEqual(s.router.pools.pools.quick.map((r) => `${r.provider}:${r.model}`), ['vscode-lm:copilot/gpt-5-mini', 'openai:gpt-6-luna']);
  });

  it('refuses Triage’s own models in a pool, and a triage.providers entry named vscode-lm', () => {
    const s = readSettings(source({ pools: { coding: ['vscode-lm:triage/coding'] }, providers: { 'vscode-lm': { kind: 'openai', baseUrl: 'http://x' } } }));
    assert.ok(s.problems.some((p) => p.startsWith("triage.providers.vscode-lm: 'vscode-lm' is built in")), s.problems.join('\n'));
    assert.ok(s.problems.some((p) => p.startsWith("triage.pools.coding: 'vscode-lm:triage/coding': 'triage' is Triage's own vendor")), s.problems.join('\n'));
    assert.equal(s.providers.some((p) => p.id === 'vscode-lm'), false);
  });
});
