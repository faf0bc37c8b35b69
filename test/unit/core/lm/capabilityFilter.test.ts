// The capability filter: tools and images go only to models known to take them, in the chain's order.
import * as assert from 'node:assert/strict';
import { filterByCapability } from '../../../../src/core/lm/capabilityFilter';
import type { ModelCapabilities } from '../../../../src/core/lm/lmModelList';

const facts: Record<string, ModelCapabilities> = {
  'anthropic:sonnet': { toolCalling: true, imageInput: true },
  'deepseek:flash': { toolCalling: true },
};
const chain = ['ollama:small', 'deepseek:flash', 'anthropic:sonnet'];
const caps = (r: string) => facts[r];

describe('core/lm/capabilityFilter', () => {
  it('passes a text-only request to the whole chain', () => {
    assert.deepEqual(filterByCapability(chain, { tools: false, images: false }, caps), { ok: true, refs: chain, skipped: [] });
  });

  it('sends tools only to tool-calling models, keeping the order and naming the skipped', () => {
    assert.deepEqual(filterByCapability(chain, { tools: true, images: false }, caps), {
      ok: true,
      refs: ['deepseek:flash', 'anthropic:sonnet'],
      skipped: ['ollama:small'],
    });
  });

  it('sends an image only to models that take images (text-only models skipped)', () => {
    const choice = filterByCapability(chain, { tools: false, images: true }, caps);
    assert.ok(choice.ok);
    assert.deepEqual(choice.refs, ['anthropic:sonnet']);
  });

  it('says so when no model in the chain can, instead of sending', () => {
    const choice = filterByCapability(['ollama:small', 'deepseek:flash'], { tools: true, images: true }, caps);
    assert.equal(choice.ok, false);
    assert.match(choice.ok ? '' : choice.message, /call tools and take images .*ollama:small, deepseek:flash/);
  });
});
