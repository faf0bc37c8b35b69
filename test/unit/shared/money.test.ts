import * as assert from 'node:assert/strict';
import { VSCODE_LM_PROVIDER } from '../../../src/core/lm/vscodeLmModel';
import { formatMicros, formatServedCost, INCLUDED_LABEL } from '../../../src/shared/money';

describe('formatServedCost', () => {
  it('says "included in your subscription" for a free vscode-lm model, never $0', () => {
    assert.equal(formatServedCost(0, false, `${VSCODE_LM_PROVIDER}:copilot/gpt-5-mini`), INCLUDED_LABEL);
  });
  it('shows a priced vscode-lm request as money', () => {
    assert.equal(formatServedCost(40_000, false, 'vscode-lm:copilot/claude-sonnet-4'), formatMicros(40_000));
  });
  it('keeps $0 for a free model of another provider, and "price unknown" for an unpriced one', () => {
    assert.equal(formatServedCost(0, false, 'ollama:qwen2.5:1.5b'), formatMicros(0));
    assert.equal(formatServedCost(0, true, 'vscode-lm:copilot/gpt-5-mini'), 'price unknown');
    assert.equal(formatServedCost(0, false, undefined), formatMicros(0));
  });
});
