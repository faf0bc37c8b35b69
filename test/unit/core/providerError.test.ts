// ProviderError: recognised by instanceof, and by its name and kind when it crossed a bundle (another module copy).

import * as assert from 'node:assert/strict';
import { isProviderError, ProviderError } from '../../../src/core/providerError';

describe('provider error', () => {
  it('keeps the kind, retry time and status it was made with', () => {
    const e = new ProviderError('rate-limit', 'slow down', { retryAfterMs: 1500, status: 429 });
    assert.equal(e.name, 'ProviderError');
    assert.equal(e.kind, 'rate-limit');
    assert.equal(e.message, 'slow down');
    assert.equal(e.retryAfterMs, 1500);
    assert.equal(e.status, 429);
    assert.equal(new ProviderError('timeout', 'late').status, undefined);
  });

  it('is recognised as an instance and by shape across bundles', () => {
    assert.equal(isProviderError(new ProviderError('auth', 'no key')), true);
    // Another copy of the module: its class is not ours, its name and kind are.
    assert.equal(isProviderError({ name: 'ProviderError', kind: 'timeout', message: 'late' }), true);
  });

  it('a shape without the name or without a kind, or no object at all, is not one', () => {
    assert.equal(isProviderError({ kind: 'timeout' }), false);
    assert.equal(isProviderError({ name: 'Error', kind: 'timeout' }), false);
    assert.equal(isProviderError({ name: 'ProviderError' }), false);
    assert.equal(isProviderError(new Error('plain')), false);
    assert.equal(isProviderError(null), false);
    assert.equal(isProviderError(undefined), false);
    assert.equal(isProviderError('ProviderError'), false);
  });
});
