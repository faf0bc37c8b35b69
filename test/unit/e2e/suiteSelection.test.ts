// The e2e harness's suite selection: everything by default, or exactly the UI suites TRIAGE_E2E_SUITE names.
import * as assert from 'node:assert/strict';
import { selectSuites } from '../../e2e/suiteSelection';

const ALL = ['statusBar', 'chat', 'spend', 'chatPersistence'];

describe('e2e selectSuites (TRIAGE_E2E_SUITE)', () => {
  it('runs the host suites and every UI suite in order when unset or blank', () => {
    assert.deepEqual(selectSuites(ALL, {}), { hostSuites: true, uiSuites: ALL });
    assert.deepEqual(selectSuites(ALL, { TRIAGE_E2E_SUITE: ' , ' }), { hostSuites: true, uiSuites: ALL });
  });

  it('runs only the named UI suites, in the order given, without the host suites', () => {
    assert.deepEqual(selectSuites(ALL, { TRIAGE_E2E_SUITE: 'chat' }), { hostSuites: false, uiSuites: ['chat'] });
    assert.deepEqual(selectSuites(ALL, { TRIAGE_E2E_SUITE: 'spend, chat,spend' }), { hostSuites: false, uiSuites: ['spend', 'chat'] });
  });

  it('adds the host suites when "host" is named', () => {
    assert.deepEqual(selectSuites(ALL, { TRIAGE_E2E_SUITE: 'host' }), { hostSuites: true, uiSuites: [] });
    assert.deepEqual(selectSuites(ALL, { TRIAGE_E2E_SUITE: 'chat,host' }), { hostSuites: true, uiSuites: ['chat'] });
  });

  it('names the known suites when a name is unknown', () => {
    assert.throws(() => selectSuites(ALL, { TRIAGE_E2E_SUITE: 'chat,spnd' }), /TRIAGE_E2E_SUITE: unknown spnd \(known: host, statusBar, chat, spend, chatPersistence\)/);
  });
});
