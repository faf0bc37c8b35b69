import * as assert from 'node:assert/strict';
import { shippedCatalogue, unknownPoolModels } from '../../../../src/core/pools/unknownModels';
import { validatePoolsSettings } from '../../../../src/core/pools/validatePools';
import { DEFAULT_PRICES } from '../../../../src/core/pricing/defaultPrices';
import { DEFAULT_PROVIDERS, publicApiProviders } from '../../../../src/providers/providerSettings';

const ids = { known: ['ollama', 'openai', 'anthropic', 'deepseek', 'mine'], local: ['ollama'] };
const catalogue = shippedCatalogue(Object.keys(DEFAULT_PRICES), publicApiProviders(DEFAULT_PROVIDERS));

describe('core: unknown pool models', () => {
  it('names a made-up model under a real provider as unknown, with the likely intended name', () => {
    const { value } = validatePoolsSettings({ pools: { reasoning: ['deepseek:deepseek-v4-pro-typo'] } }, ids);
    const problems = unknownPoolModels(value, catalogue, 'Triage knows');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^triage\.pools\.reasoning: 'deepseek:deepseek-v4-pro-typo' is not a model Triage knows for deepseek/);
    assert.match(problems[0]!, /did you mean 'deepseek-v4-pro'\?/);
  });

  it('says nothing about the shipped pools, local models or providers it has no list for', () => {
    const shipped = validatePoolsSettings({}, ids).value;
    assert.deepEqual(unknownPoolModels(shipped, catalogue, 'Triage knows'), []);
    const other = validatePoolsSettings({ pools: { coding: ['mine:anything', 'ollama:whatever:7b'] } }, ids).value;
    assert.deepEqual(unknownPoolModels(other, catalogue, 'Triage knows'), []);
  });

  it('checks only paid providers still pointed at their shipped API (a proxy or the demo fakes may serve any name)', () => {
    const moved = DEFAULT_PROVIDERS.map((p) => (p.id === 'deepseek' ? { ...p, baseUrl: 'http://127.0.0.1:9000' } : p));
    assert.deepEqual(publicApiProviders(moved).sort(), ['anthropic', 'openai']);
  });
});
