// The chat's meta line data from a router result: a response-cache hit is marked so the footer says "cached — $0".

import { strict as assert } from 'node:assert';
import { certain } from '../../../src/core/privacyCheck';
import type { RouteResult } from '../../../src/core/routeTypes';
import { answerMeta } from '../../../src/host/answerMeta';

const RESULT: RouteResult = {
  text: 'answer',
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

describe('host/answerMeta', () => {
  it('marks a cache hit, names the model that first answered, and leaves other answers unmarked', () => {
    const hit = answerMeta({ ...RESULT, cached: true }, false);
    assert.equal(hit.cached, true);
    assert.equal(hit.model, 'deepseek:deepseek-flash');
    assert.equal('cached' in answerMeta(RESULT, false), false);
    assert.equal(answerMeta({ ...RESULT, cached: true, cacheMatch: 'meaning' }, false).cacheMatch, 'meaning');
    assert.equal('cacheMatch' in hit, false);
  });
});
