// A cache hit in the status bar: marked cached at $0, so it is never mistaken for a free model.
import * as assert from 'node:assert/strict';
import { certain } from '../../../src/core/privacyCheck';
import type { RouteResult } from '../../../src/core/routeTypes';
import { lastRequestText, lastRequestTooltip } from '../../../src/host/statusBarText';

const result: RouteResult = {
  text: 'a',
  classification: { pool: 'quick', probabilities: certain('quick'), confidence: 0.9, reason: 'short question', source: 'embedded', sensitive: false },
  attempts: [],
  servedBy: 'deepseek:deepseek-flash',
  servedPool: 'quick',
  usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 },
  costMicros: 0,
  unpriced: false,
  baselineMicros: 900,
  outcome: 'ok',
  latencyMs: 3,
  escalated: false,
  budgetDowngraded: false,
  notices: [],
};

describe('host: status bar after a cache hit', () => {
  it('says cached — $0 for a hit and the plain cost otherwise', () => {
    assert.equal(lastRequestText({ ...result, cached: true, cacheSavedMicros: 400 }), 'quick · deepseek-flash · cached — $0');
    assert.equal(lastRequestText(result), 'quick · deepseek-flash · $0');
    assert.match(lastRequestTooltip({ ...result, cached: true }, 0), /from the response cache, nothing sent/);
    assert.doesNotMatch(lastRequestTooltip(result, 0), /response cache/);
  });
});
