// `vscode-lm` pool members in core: the entry's form, Triage's own vendor refused, per-request prices, and a model that
// refuses Triage remembered for that model alone (the cascade moves on, tells once, tries again when forgiven).

import { strict as assert } from 'node:assert';
import { VSCODE_LM_PROVIDER, parseVscodeLmModel } from '../../../../src/core/lm/vscodeLmModel';
import { validatePoolsSettings } from '../../../../src/core/pools/validatePools';
import { priceCall } from '../../../../src/core/pricing/pricing';
import { validatePricingSettings } from '../../../../src/core/pricing/validatePricing';
import { ProviderError } from '../../../../src/core/providerError';
import { formatModelRef } from '../../../../src/core/request';
import { FakeProvider, makeHarness, path } from '../routingFakes';

const IDS = { known: ['ollama', 'openai', VSCODE_LM_PROVIDER], local: ['ollama'] };
const USAGE = { inputTokens: 1200, cachedInputTokens: 0, outputTokens: 300 };

describe('core/lm: vscode-lm pool entries', () => {
  it('reads vendor/family, the form selectChatModels({vendor, family}) takes', () => {
    assert.deepEqual(parseVscodeLmModel('copilot/gpt-5-mini'), { vendor: 'copilot', selector: 'gpt-5-mini' });
    assert.deepEqual(parseVscodeLmModel('testvendor/echo.v2'), { vendor: 'testvendor', selector: 'echo.v2' });
  });

  it('refuses a malformed entry and Triage’s own models (a loop), each with a clear message', () => {
    for (const bad of ['gpt-5-mini', 'copilot/', '/gpt-5-mini', 'copilot/gpt 5', 'co pilot/x']) {
      assert.match(String(parseVscodeLmModel(bad)), /is written vscode-lm:<vendor>\/<family>/, bad);
    }
    assert.match(String(parseVscodeLmModel('triage/auto')), /Triage's own vendor.*loop/);
    assert.match(String(parseVscodeLmModel('Triage/coding')), /loop/);
  });

  it('keeps good vscode-lm entries in a pool and names the bad ones by setting', () => {
    const { value, problems } = validatePoolsSettings(
      { pools: { quick: ['vscode-lm:copilot/gpt-5-mini', 'vscode-lm:triage/auto', 'vscode-lm:gpt-5-mini', 'openai:gpt-6-luna'] } },
      IDS,
    );
    assert.deepEqual(value.pools.quick.map(formatModelRef), ['vscode-lm:copilot/gpt-5-mini', 'openai:gpt-6-luna']);
    assert.deepEqual(problems, [
      "triage.pools.quick: 'vscode-lm:triage/auto': 'triage' is Triage's own vendor: a request would route back into Triage (a loop) — ignored",
      "triage.pools.quick: 'vscode-lm:gpt-5-mini': a vscode-lm model is written vscode-lm:<vendor>/<family>, e.g. vscode-lm:copilot/gpt-5-mini — ignored",
    ]);
  });

  it('never takes a vscode-lm model as the local fallback', () => {
    const { value, problems } = validatePoolsSettings({ fallbackModel: 'vscode-lm:copilot/gpt-5-mini' }, IDS);
    assert.equal(formatModelRef(value.fallback), 'ollama:qwen2.5-coder:7b');
    assert.match(problems.join('\n'), /is not a local model/);
  });
});

describe('core/lm: vscode-lm prices (per request, default 0)', () => {
  const ref = { provider: VSCODE_LM_PROVIDER, model: 'copilot/gpt-5-mini' };

  it('costs 0 and is not "unpriced" when no price is set: included in the subscription', () => {
    const { prices } = validatePricingSettings({}).value;
    assert.deepEqual(priceCall(prices, ref, false, USAGE, 0), { micros: 0, unpriced: false });
    // Any other paid model without a price stays unknown.
    assert.deepEqual(priceCall(prices, { provider: 'openai', model: 'gpt-unknown' }, false, USAGE, 0), { micros: 0, unpriced: true });
  });

  it('charges the perRequest price once per call, whatever the tokens', () => {
    const { value, problems } = validatePricingSettings({ prices: { 'vscode-lm:copilot/claude-sonnet-4': { perRequest: 0.04 } } });
    assert.deepEqual(problems, []);
    const sonnet = { provider: VSCODE_LM_PROVIDER, model: 'copilot/claude-sonnet-4' };
    assert.deepEqual(priceCall(value.prices, sonnet, false, USAGE, 0), { micros: 40_000, unpriced: false });
    assert.deepEqual(priceCall(value.prices, sonnet, false, { ...USAGE, inputTokens: 90_000 }, 0), { micros: 40_000, unpriced: false });
  });

  it('names a token price or a bad number on a vscode-lm model and ignores it', () => {
    const { value, problems } = validatePricingSettings({
      prices: { 'vscode-lm:copilot/a': { input: 1, output: 2 }, 'vscode-lm:copilot/b': { perRequest: -1 }, 'vscode-lm:copilot/c': { perRequest: 'x' } },
    });
    assert.equal(problems.length, 3);
    for (const p of problems) assert.match(p, /^triage\.prices\.vscode-lm:copilot\/[abc]: a vscode-lm model is billed per request: expected \{"perRequest": USD between 0 and 100\}/);
    assert.equal(value.prices['vscode-lm:copilot/a'], undefined);
  });
});

describe('cascade: a vscode-lm model that refuses Triage', () => {
  function world(first: ProviderError) {
    const lm = new FakeProvider(VSCODE_LM_PROVIDER, false, { 'copilot/gpt-5-mini': { throws: first }, 'testvendor/echo': { text: 'from echo' } });
    const openai = new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'from luna' } });
    const ollama = new FakeProvider('ollama', true, { small: { text: 'local' }, fallback: { text: 'fallback' } });
    const h = makeHarness({
      providers: [lm, openai, ollama],
      pools: { quick: ['vscode-lm:copilot/gpt-5-mini', 'vscode-lm:testvendor/echo', 'openai:gpt-6-luna'], coding: [], reasoning: [] },
    });
    return { h, lm };
  }

  for (const [label, error] of [
    ['no permission', new ProviderError('auth', 'vscode-lm:copilot/gpt-5-mini did not let Triage use it.', { scope: 'model' })],
    ['not found', new ProviderError('not-found', 'vscode-lm:copilot/gpt-5-mini is not offered.', { scope: 'model' })],
  ] as const) {
    it(`${label}: moves to the next model, skips that model alone from then on, tells once`, async () => {
      const { h, lm } = world(error);
      const first = await h.route({});
      assert.equal(first.servedBy, 'vscode-lm:testvendor/echo', 'the next vscode-lm model is still tried');
      assert.equal(first.text, 'from echo');
      assert.equal(first.attempts[0]?.outcome, error.kind);
      const told = first.notices.filter((n) => n.kind === 'model-unavailable');
      assert.equal(told.length, 1);
      assert.match(told[0]?.message ?? '', /skips vscode-lm:copilot\/gpt-5-mini until/);
      const second = await h.route({});
      assert.deepEqual(path(second.attempts), ['vscode-lm:copilot/gpt-5-mini=skipped-auth', 'vscode-lm:testvendor/echo=ok']);
      assert.equal(lm.callsTo('copilot/gpt-5-mini'), 1, 'not asked again (no second consent prompt)');
      assert.equal(second.notices.length, 0, 'told only once');
      h.router.keyChanged(VSCODE_LM_PROVIDER); // the models on offer changed
      await h.route({});
      assert.equal(lm.callsTo('copilot/gpt-5-mini'), 2, 'tried again once forgiven');
    });
  }

  it('an auth error without the model scope still skips the whole provider (a missing key)', async () => {
    const { h, lm } = world(new ProviderError('auth', 'no key'));
    const first = await h.route({});
    assert.deepEqual(path(first.attempts), ['vscode-lm:copilot/gpt-5-mini=auth', 'vscode-lm:testvendor/echo=skipped-auth', 'openai:gpt-6-luna=ok']);
    assert.equal(lm.callsTo('testvendor/echo'), 0);
  });

  it('records a vscode-lm answer at 0, not unpriced', async () => {
    const { h } = world(new ProviderError('not-found', 'gone', { scope: 'model' }));
    const result = await h.route({});
    assert.equal(result.costMicros, 0);
    assert.equal(result.unpriced, false);
    assert.equal(h.ledger.records.at(-1)?.servedBy, 'vscode-lm:testvendor/echo');
  });
});

describe('cascade: each vscode-lm vendor is its own service', () => {
  function world(copilot: ProviderError) {
    const lm = new FakeProvider(VSCODE_LM_PROVIDER, false, {
      'copilot/gpt-5-mini': { throws: copilot },
      'copilot/claude-sonnet-4': { text: 'from sonnet' },
      'testvendor/echo': { text: 'from echo' },
    });
    const ollama = new FakeProvider('ollama', true, { small: { text: 'local' }, fallback: { text: 'fallback' } });
    const h = makeHarness({
      providers: [lm, ollama],
      pools: { quick: ['vscode-lm:copilot/gpt-5-mini', 'vscode-lm:copilot/claude-sonnet-4', 'vscode-lm:testvendor/echo'], coding: [], reasoning: [] },
    });
    return { h, lm };
  }

  it('one vendor unreachable skips that vendor\'s other models for a while, never another vendor\'s', async () => {
    const { h, lm } = world(new ProviderError('unavailable', 'vscode-lm:copilot/gpt-5-mini failed (no reason given).'));
    const first = await h.route({});
    assert.deepEqual(path(first.attempts), ['vscode-lm:copilot/gpt-5-mini=unavailable', 'vscode-lm:copilot/claude-sonnet-4=skipped-rate-limit', 'vscode-lm:testvendor/echo=ok']);
    assert.equal(first.text, 'from echo');
    assert.equal(lm.callsTo('copilot/claude-sonnet-4'), 0);
  });
});
