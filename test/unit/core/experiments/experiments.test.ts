// Pool experiments: the setting's validation, when one runs, the stable hashed assignment and the arm's pools.

import * as assert from 'node:assert/strict';
import { assignArm, countExperimentRequests, earliestStartMs, notRunning, poolsForArm, validateExperiments } from '../../../../src/core/experiments/experiments';
import type { Experiment } from '../../../../src/core/experiments/experiments';
import { validatePoolsSettings } from '../../../../src/core/pools/validatePools';

const KNOWN = ['ollama', 'openai', 'anthropic', 'deepseek'];
const good = { id: 'haiku-coding', pool: 'coding', models: ['anthropic:claude-haiku-5-5', 'openai:gpt-6-luna'], share: 0.2, start: '2026-12-01', endAfterRequests: 200 };

describe('experiments: triage.experiments', () => {
  it('reads a valid experiment with its models as references', () => {
    const { value, problems } = validateExperiments([good], KNOWN);
    assert.deepEqual(problems, []);
    assert.deepEqual(value, [{ ...good, pool: 'coding', models: [{ provider: 'anthropic', model: 'claude-haiku-5-5' }, { provider: 'openai', model: 'gpt-6-luna' }] }]);
  });

  it('is empty and quiet when unset', () => {
    assert.deepEqual(validateExperiments(undefined, KNOWN), { value: [], problems: [] });
  });

  for (const [what, entry, message] of [
    ['a share of 1', { ...good, share: 1 }, /"share" 1 is not a number between 0 and 1/],
    ['a share of 0', { ...good, share: 0 }, /"share" 0 /],
    ['an unknown pool', { ...good, pool: 'vision' }, /"pool" 'vision'/],
    ['an unknown provider', { ...good, models: ['mistral:large'] }, /unknown provider 'mistral'/],
    ['a malformed model', { ...good, models: ['haiku'] }, /'haiku' is not "provider:model"/],
    ['no models', { ...good, models: [] }, /non-empty list/],
    ['no end', { ...good, endAfterRequests: undefined }, /give an end/],
    ['a count of 0', { ...good, endAfterRequests: 0 }, /"endAfterRequests" 0/],
    ['an impossible start date', { ...good, start: '2026-02-30' }, /"start" '2026-02-30'/],
    ['an end before the start', { ...good, endAfterRequests: undefined, endDate: '2026-12-01' }, /not after "start"/],
    ['a bad id', { ...good, id: 'has space' }, /"id" 'has space'/],
  ] as const) {
    it(`names ${what} and leaves that experiment out`, () => {
      const { value, problems } = validateExperiments([entry], KNOWN);
      assert.deepEqual(value, []);
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, /^triage\.experiments\[0\]: /);
      assert.match(problems[0]!, message);
      assert.match(problems[0]!, /this experiment does not run$/);
    });
  }

  it('keeps the first of two experiments on one pool, and of two with one id', () => {
    const { value, problems } = validateExperiments([good, { ...good, id: 'other' }, { ...good, pool: 'quick' }], KNOWN);
    assert.deepEqual(value.map((e) => e.id), ['haiku-coding']);
    assert.match(problems[0]!, /\[1\]: the coding pool already has an experiment/);
    assert.match(problems[1]!, /\[2\]: the id 'haiku-coding' is used twice/);
  });

  it('says a non-list is not a list of experiments', () => {
    assert.match(validateExperiments({ pool: 'coding' }, KNOWN).problems[0]!, /expected a list of experiments/);
  });
});

describe('experiments: running and assignment', () => {
  const experiment = validateExperiments([{ ...good, endDate: '2026-12-10' }], KNOWN).value[0] as Experiment;

  it('runs from its start day, until its end day or its count', () => {
    assert.equal(notRunning(experiment, '2026-11-30', 0), 'starts on 2026-12-01');
    assert.equal(notRunning(experiment, '2026-12-01', 0), undefined);
    assert.equal(notRunning(experiment, '2026-12-09', 199), undefined);
    assert.equal(notRunning(experiment, '2026-12-09', 200), 'ended after 200 requests');
    assert.equal(notRunning(experiment, '2026-12-10', 0), 'ended on 2026-12-10');
  });

  it('assigns the same request to the same arm every time', () => {
    for (let i = 0; i < 50; i++) assert.equal(assignArm(experiment, `chat\u0000q${i}`), assignArm(experiment, `chat\u0000q${i}`));
  });

  it('sends about the stated share to the alternative', () => {
    const n = 10_000;
    let alternative = 0;
    for (let i = 0; i < n; i++) if (assignArm(experiment, `edit\u0000rename variable ${i}\u0000const x${i} = ${i};`) === 'alternative') alternative++;
    // 0.2 of 10,000: a binomial's standard deviation is 40; 4 of them either side.
    assert.ok(Math.abs(alternative - 2000) < 160, `${alternative} of ${n}`);
  });

  it('splits independently for another experiment id', () => {
    const other = { ...experiment, id: 'other', share: 0.5 };
    const a = { ...experiment, share: 0.5 };
    let same = 0;
    for (let i = 0; i < 2000; i++) if (assignArm(a, `r${i}`) === assignArm(other, `r${i}`)) same++;
    assert.ok(same > 880 && same < 1120, `${same} of 2000 agree`);
  });

  it('gives the alternative arm the experiment order in its pool only', () => {
    const pools = validatePoolsSettings({}, { known: KNOWN, local: ['ollama'] }).value;
    assert.equal(poolsForArm(pools, experiment, 'control'), pools);
    const alt = poolsForArm(pools, experiment, 'alternative');
    assert.deepEqual(alt.pools.coding, experiment.models);
    assert.deepEqual(alt.pools.quick, pools.pools.quick);
    assert.deepEqual(alt.fallback, pools.fallback);
  });
});

describe('experiments: counts from the ledger', () => {
  const [a, b] = validateExperiments([good, { ...good, id: 'second', pool: 'quick', start: '2026-11-15' }], KNOWN).value as [Experiment, Experiment];

  it('counts each experiment’s records, both arms, and ignores others', () => {
    const records = [{ experiment: { id: 'haiku-coding' } }, {}, { experiment: { id: 'second' } }, { experiment: { id: 'haiku-coding' } }, { experiment: { id: 'gone' } }];
    assert.deepEqual(countExperimentRequests(records, [a, b]), { 'haiku-coding': 2, second: 1 });
  });

  it('reads from the earliest start, at local midnight', () => {
    assert.equal(earliestStartMs([a, b]), new Date(2026, 10, 15).getTime());
    assert.equal(earliestStartMs([]), undefined);
  });
});
