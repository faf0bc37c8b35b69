// `npm run bench` options: --only and --prompts parse, and bad input fails loudly instead of benching the wrong thing.

import { strict as assert } from 'node:assert';
import { PARTS, parseBenchArgs } from '../../../bench/benchArgs';

describe('bench arguments', () => {
  it('runs every part on dev when given nothing', () => {
    const args = parseBenchArgs([]);
    assert.deepEqual([...args.parts], [...PARTS]);
    assert.equal(args.prompts, undefined);
  });

  it('takes a labelled file for the replay and a list of parts, in any order', () => {
    const args = parseBenchArgs(['--prompts', 'bench/data/route-public.jsonl', '--only', 'replay']);
    assert.equal(args.prompts, 'bench/data/route-public.jsonl');
    assert.deepEqual([...args.parts], ['replay']);
    assert.deepEqual([...parseBenchArgs(['--only', 'classifier,replay', '--prompts', 'x.jsonl']).parts], ['classifier', 'replay']);
  });

  it('refuses a flag without its value, an unknown part or option, and --prompts without the replay part', () => {
    assert.throws(() => parseBenchArgs(['--prompts']), /--prompts needs a value/);
    assert.throws(() => parseBenchArgs(['--prompts', '--only', 'replay']), /--prompts needs a value/);
    assert.throws(() => parseBenchArgs(['--only', 'replay,fast']), /comma-separated list/);
    assert.throws(() => parseBenchArgs(['--prompt', 'x.jsonl']), /unknown option --prompt/);
    assert.throws(() => parseBenchArgs(['--only', 'classifier', '--prompts', 'x.jsonl']), /include replay/);
  });
});
