import * as assert from 'node:assert/strict';
import { OPEN_SETTINGS, problemToast, SHOW_LOG } from '../../../src/host/problemToast';

describe('host: settings problems toast', () => {
  it('offers the log as well as the setting, and counts the rest', () => {
    const toast = problemToast(['triage.pools.coding: bad', 'triage.prices: worse']);
    assert.deepEqual(toast.actions, [OPEN_SETTINGS, SHOW_LOG]);
    assert.equal(toast.text, 'Triage: triage.pools.coding: bad (and 1 more; see the Triage log)');
    assert.equal(toast.settingQuery, 'triage.pools.coding');
  });
});
