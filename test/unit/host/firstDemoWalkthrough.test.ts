import * as assert from 'node:assert/strict';
import { openWalkthroughOnFirstDemo, WALKTHROUGH_ID, type ShownFlag } from '../../../src/host/firstDemoWalkthrough';

function memento(): ShownFlag & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return { values, get: <T>(k: string) => values.get(k) as T | undefined, update: async (k, v) => void values.set(k, v) };
}

describe('host: walkthrough on the first demo start', () => {
  it('opens the Get Started walkthrough on the first demo start, and only then', async () => {
    const state = memento();
    const opened: string[] = [];
    const open = async (id: string) => void opened.push(id);
    assert.equal(await openWalkthroughOnFirstDemo(true, state, open), true);
    assert.equal(await openWalkthroughOnFirstDemo(true, state, open), false);
    assert.deepEqual(opened, [WALKTHROUGH_ID]);
  });

  it('does not open it outside demo mode', async () => {
    const opened: string[] = [];
    assert.equal(await openWalkthroughOnFirstDemo(false, memento(), async (id) => void opened.push(id)), false);
    assert.deepEqual(opened, []);
  });

  it('names the walkthrough the manifest contributes', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require('../../../package.json') as { publisher: string; name: string; contributes: { walkthroughs: { id: string }[] } };
    const ids = manifest.contributes.walkthroughs.map((w) => `${manifest.publisher}.${manifest.name}#${w.id}`);
    assert.ok(ids.includes(WALKTHROUGH_ID), ids.join(', '));
  });
});
