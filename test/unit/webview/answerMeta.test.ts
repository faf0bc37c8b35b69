// The meta line says pool · model · cost · latency · why, never "$0" for an unknown price.
import * as assert from 'node:assert/strict';
import { attemptText, CACHED_LABEL, cascadeMovedOn, DEMO_LABEL, metaParts, whyText } from '../../../src/webview/answerMeta';
import { axisLabel, formatCost, formatLatency, formatPercent, formatRate, formatTime } from '../../../src/webview/format';
import { meta } from './fixtures';

describe('webview/answerMeta', () => {
  it('lists pool, model, cost, latency and the classifier reason with confidence', () => {
    assert.deepEqual(metaParts(meta()), ['coding', 'anthropic:claude-sonnet', '$0.012', '1.2 s', 'multi-file edit (82%)']);
  });

  it('says "price unknown" for an unpriced model, never $0', () => {
    const parts = metaParts(meta({ unpriced: true, costMicros: 0 }));
    assert.equal(parts[2], 'price unknown');
    assert.ok(!parts.includes('$0'));
  });

  it('shows a priced free model as $0', () => {
    assert.equal(metaParts(meta({ pool: 'local', costMicros: 0 }))[2], '$0');
  });

  it('explains the user\'s choice and the privacy rule', () => {
    assert.equal(whyText(meta({ source: 'user', reason: 'ignored' })), 'your choice');
    assert.equal(whyText(meta({ source: 'privacy' })), 'kept local: sensitive content');
    assert.equal(whyText(meta({ source: 'ollama', reason: 'short question', confidence: 0.555 })), 'short question (56%)');
    assert.equal(whyText(meta({ source: 'embedded', reason: '', confidence: 1.7 })), 'classified (100%)');
  });

  it('says "cached — $0" instead of the cost on an answer from the response cache', () => {
    const parts = metaParts(meta({ cached: true, costMicros: 0 }));
    assert.equal(parts[2], CACHED_LABEL);
    assert.equal(CACHED_LABEL, 'cached — $0');
    assert.equal(parts[1], 'anthropic:claude-sonnet', 'still names the model that first answered');
    assert.equal(metaParts(meta({ costMicros: 0 }))[2], '$0', 'a paid-for answer is not called cached');
    assert.equal(metaParts(meta({ cached: true, cacheMatch: 'meaning', costMicros: 0 }))[2], 'cached, asked before in other words — $0');
  });

  it('labels demo answers first', () => {
    assert.equal(metaParts(meta({ demo: true }))[0], DEMO_LABEL);
    assert.equal(DEMO_LABEL, 'demo answer (no real model)');
  });

  it('shows the path only when the cascade moved on', () => {
    assert.equal(cascadeMovedOn(meta()), false);
    assert.equal(cascadeMovedOn(meta({ attempts: [{ model: 'ollama:qwen', pool: 'local', outcome: 'timeout', ms: 3_000 }] })), true);
    assert.equal(
      cascadeMovedOn(meta({ attempts: [
        { model: 'a:x', pool: 'quick', outcome: 'ok', ms: 10 },
        { model: 'b:y', pool: 'coding', outcome: 'ok', ms: 20 },
      ] })),
      true,
    );
    assert.equal(attemptText({ model: 'ollama:qwen', pool: 'local', outcome: 'timeout', ms: 3_000 }), 'ollama:qwen → timeout, 3.0 s');
  });
});

describe('webview/format', () => {
  it('formats latency in ms, s and minutes', () => {
    assert.equal(formatLatency(0), '0 ms');
    assert.equal(formatLatency(849.6), '850 ms');
    assert.equal(formatLatency(1_000), '1.0 s');
    assert.equal(formatLatency(59_940), '59.9 s');
    assert.equal(formatLatency(125_000), '2 min 5 s');
    assert.equal(formatLatency(Number.NaN), '—');
    assert.equal(formatLatency(-1), '—');
  });

  it('formats rates and percentages', () => {
    assert.equal(formatRate(0), '0%');
    assert.equal(formatRate(0.035), '3.5%');
    assert.equal(formatRate(0.25), '25%');
    assert.equal(formatPercent(75), '75%');
    assert.equal(formatPercent(66.666), '67%');
    assert.equal(formatPercent(Number.POSITIVE_INFINITY), '—');
  });

  it('formats costs, with unknown prices spelled out', () => {
    assert.equal(formatCost(1_500_000, false), '$1.50');
    assert.equal(formatCost(0, true), 'price unknown');
    assert.equal(formatCost(1_500_000, true), 'price unknown');
  });
});

describe('webview/format: times and axis labels', () => {
  it('shows a ledger time in the given locale and time zone, not as a raw UTC ISO string', () => {
    assert.equal(formatTime('2026-12-03T09:05:00.000Z', 'en-GB', 'Europe/Berlin'), '3 Dec 2026, 10:05');
    assert.equal(formatTime('2026-12-03T09:05:00.000Z', 'en-US', 'America/New_York'), 'Dec 3, 2026, 4:05 AM');
    assert.equal(formatTime('not a time'), 'not a time');
  });

  it('labels a model without its provider and elides the middle, so both ends stay readable', () => {
    assert.equal(axisLabel('anthropic:claude-sonnet-5-5', 22), 'claude-sonnet-5-5');
    assert.equal(axisLabel('openrouter:meta-llama/llama-4-maverick-instruct', 22), 'meta-llama/…k-instruct');
    assert.equal(axisLabel('chat', 22), 'chat');
  });
});
