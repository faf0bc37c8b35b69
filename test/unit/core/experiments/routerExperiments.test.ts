// Pool experiments through the router: the alternative arm gets the experiment's order, the control the pool's own,
// each record says its arm, and retries, secrets, other pools and ended experiments take no part.

import * as assert from 'node:assert/strict';
import { assignArm } from '../../../../src/core/experiments/experiments';
import { ProviderError } from '../../../../src/core/providerError';
import type { Experiment } from '../../../../src/core/experiments/experiments';
import { FakeProvider, makeHarness } from '../routingFakes';

const EXPERIMENT = { id: 'haiku-quick', pool: 'quick', models: ['anthropic:claude-haiku-5-5'], share: 0.5, start: '2026-11-01', endAfterRequests: 1000 };

function providers() {
  return [
    new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'flash answer' } }),
    new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'luna answer' } }),
    new FakeProvider('anthropic', false, { 'claude-haiku-5-5': { text: 'haiku answer' }, 'claude-sonnet-5-5': { text: 'sonnet answer' } }),
    new FakeProvider('ollama', true, { small: { text: 'local' }, fallback: { text: 'fb' } }),
  ];
}

/** Instructions whose chat request lands on each arm (the hash is fixed, so these are found, not assumed). */
function instructionOn(arm: 'control' | 'alternative', experiment = EXPERIMENT): string {
  const e = { ...experiment, models: [] } as unknown as Experiment;
  for (let i = 0; ; i++) if (assignArm(e, `chat\u0000question ${i}\u0000`) === arm) return `question ${i}`;
}

describe('router: pool experiments', () => {
  it('serves the alternative arm from the experiment order and the control from the pool, and records the arm', async () => {
    const h = makeHarness({ providers: providers(), experiments: [EXPERIMENT] });
    const alt = await h.route({ kind: 'chat', instruction: instructionOn('alternative') });
    const control = await h.route({ kind: 'chat', instruction: instructionOn('control') });
    assert.equal(alt.servedBy, 'anthropic:claude-haiku-5-5');
    assert.deepEqual(alt.experiment, { id: 'haiku-quick', arm: 'alternative' });
    assert.equal(control.servedBy, 'deepseek:deepseek-flash');
    assert.deepEqual(control.experiment, { id: 'haiku-quick', arm: 'control' });
    assert.deepEqual(h.ledger.records.map((r) => r.experiment), [{ id: 'haiku-quick', arm: 'alternative' }, { id: 'haiku-quick', arm: 'control' }]);
  });

  it('puts the same request on the same arm again', async () => {
    const h = makeHarness({ providers: providers(), experiments: [EXPERIMENT] });
    const q = instructionOn('alternative');
    for (let i = 0; i < 3; i++) assert.equal((await h.route({ kind: 'chat', instruction: q })).servedBy, 'anthropic:claude-haiku-5-5');
  });

  it('still escalates past the experiment order when its models fail', async () => {
    const failing = providers();
    failing[2] = new FakeProvider('anthropic', false, { 'claude-haiku-5-5': { throws: new ProviderError('timeout', 'no answer') }, 'claude-sonnet-5-5': { text: 'sonnet answer' } });
    const h = makeHarness({ providers: failing, experiments: [EXPERIMENT] });
    const r = await h.route({ kind: 'chat', instruction: instructionOn('alternative') });
    assert.equal(r.servedBy, 'anthropic:claude-sonnet-5-5');
    assert.equal(r.escalated, true);
    assert.equal(r.experiment?.arm, 'alternative');
  });

  it('leaves out requests to other pools, "ask a stronger model" retries and requests kept local for a secret', async () => {
    const h = makeHarness({ providers: providers(), experiments: [EXPERIMENT], classify: 'coding', sensitive: (t) => (t.includes('hunter2') ? [{ rule: 'password', kind: 'credential' }] : []) });
    assert.equal((await h.route({ kind: 'chat', instruction: instructionOn('alternative') })).experiment, undefined);
    const quick = makeHarness({ providers: providers(), experiments: [EXPERIMENT], sensitive: (t) => (t.includes('hunter2') ? [{ rule: 'password', kind: 'credential' }] : []) });
    const retry = await quick.route({ kind: 'chat', instruction: instructionOn('alternative'), avoidModels: ['deepseek:deepseek-flash'] });
    assert.equal(retry.experiment, undefined);
    const secret = await quick.route({ kind: 'chat', instruction: `${instructionOn('alternative')} password=hunter2` });
    assert.equal(secret.experiment, undefined);
    assert.equal(quick.ledger.records.some((r) => r.experiment !== undefined), false);
  });

  it('stops after its count (seeded from the ledger) and outside its dates', async () => {
    const h = makeHarness({ providers: providers(), experiments: [{ ...EXPERIMENT, endAfterRequests: 3 }] });
    h.router.seedExperimentCounts({ 'haiku-quick': 2 });
    const q = instructionOn('alternative');
    assert.equal((await h.route({ kind: 'chat', instruction: q })).experiment?.arm, 'alternative');
    const after = await h.route({ kind: 'chat', instruction: q });
    assert.equal(after.experiment, undefined);
    assert.equal(after.servedBy, 'deepseek:deepseek-flash');
    const early = makeHarness({ providers: providers(), experiments: [{ ...EXPERIMENT, start: '2026-11-23' }] });
    assert.equal((await early.route({ kind: 'chat', instruction: q })).experiment, undefined, 'the harness clock is 2026-11-22');
  });
});
