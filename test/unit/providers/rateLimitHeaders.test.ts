// Header parsers: Go durations, retry-after forms, rate-limit snapshots and retry hints.

import { strict as assert } from 'node:assert';
import {
  parseGoDuration,
  parseResetMs,
  parseRetryAfterMs,
  readRateLimit,
  retryAfterFromHeaders,
} from '../../../src/providers/rateLimitHeaders';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const headers = (values: Record<string, string>) => new Headers(values);

describe('rateLimitHeaders', () => {
  describe('parseGoDuration', () => {
    const cases: [string, number | undefined][] = [
      ['6m0s', 360_000],
      ['1s', 1000],
      ['12ms', 12],
      ['1h2m3.5s', 3_723_500],
      ['0.5s', 500],
      ['2m59.56s', 179_560],
      ['150us', 1],
      ['0', 0],
      ['', undefined],
      ['6 minutes', undefined],
      ['12', undefined],
      ['1s garbage', undefined],
    ];
    for (const [text, expected] of cases) {
      it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(parseGoDuration(text), expected));
    }
  });

  describe('parseRetryAfterMs', () => {
    it('prefers retry-after-ms', () => {
      assert.equal(parseRetryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), NOW), 250);
    });
    it('reads retry-after seconds, fractional too', () => {
      assert.equal(parseRetryAfterMs(headers({ 'retry-after': '7' }), NOW), 7000);
      assert.equal(parseRetryAfterMs(headers({ 'retry-after': '1.5' }), NOW), 1500);
    });
    it('reads retry-after as an HTTP date relative to the injected clock', () => {
      const date = new Date(NOW + 42_000).toUTCString();
      assert.equal(parseRetryAfterMs(headers({ 'retry-after': date }), NOW), 43_000, 'to the end of the named second');
    });
    it('rounds an HTTP date up to the end of its second (1-second precision), so no call lands in its last second', () => {
      const date = new Date(NOW + 2000).toUTCString();
      assert.equal(parseRetryAfterMs(headers({ 'retry-after': date }), NOW + 400), 2600);
      assert.equal(parseRetryAfterMs(headers({ 'retry-after': date }), NOW + 2999), 1);
      assert.equal(parseRetryAfterMs(headers({ 'retry-after': date }), NOW + 3000), 0);
    });
    it('a date in the past means now', () => {
      assert.equal(parseRetryAfterMs(headers({ 'retry-after': new Date(NOW - 5000).toUTCString() }), NOW), 0);
    });
    it('ignores garbage and absence', () => {
      assert.equal(parseRetryAfterMs(headers({ 'retry-after': 'soon' }), NOW), undefined);
      assert.equal(parseRetryAfterMs(headers({}), NOW), undefined);
    });
  });

  describe('parseResetMs', () => {
    it('reads Go durations, RFC 3339 times and bare seconds', () => {
      assert.equal(parseResetMs('6m0s', NOW), 360_000);
      assert.equal(parseResetMs('2026-11-23T12:00:59Z', NOW), 59_000);
      assert.equal(parseResetMs('2026-11-23T13:00:00+01:00', NOW), 0);
      assert.equal(parseResetMs('30', NOW), 30_000);
      assert.equal(parseResetMs('tomorrow', NOW), undefined);
    });
  });

  describe('readRateLimit', () => {
    it('is undefined without rate-limit headers', () => {
      assert.equal(readRateLimit(headers({ 'content-type': 'application/json' }), NOW), undefined);
    });
    it('OpenAI: the exhausted window decides the reset', () => {
      const snapshot = readRateLimit(
        headers({
          'x-ratelimit-limit-requests': '60',
          'x-ratelimit-remaining-requests': '30',
          'x-ratelimit-reset-requests': '1s',
          'x-ratelimit-limit-tokens': '150000',
          'x-ratelimit-remaining-tokens': '0',
          'x-ratelimit-reset-tokens': '6m0s',
        }),
        NOW,
      );
      assert.deepEqual(snapshot, { requestsRemaining: 30, tokensRemaining: 0, resetInMs: 360_000 });
    });
    it('Anthropic: least remaining across token windows, reset of the most restrictive window', () => {
      const snapshot = readRateLimit(
        headers({
          'anthropic-ratelimit-requests-limit': '100',
          'anthropic-ratelimit-requests-remaining': '90',
          'anthropic-ratelimit-requests-reset': '2026-11-23T12:00:10Z',
          'anthropic-ratelimit-input-tokens-limit': '10000',
          'anthropic-ratelimit-input-tokens-remaining': '1000',
          'anthropic-ratelimit-input-tokens-reset': '2026-11-23T12:00:30Z',
          'anthropic-ratelimit-output-tokens-limit': '2000',
          'anthropic-ratelimit-output-tokens-remaining': '1500',
          'anthropic-ratelimit-output-tokens-reset': '2026-11-23T12:00:05Z',
        }),
        NOW,
      );
      assert.deepEqual(snapshot, { requestsRemaining: 90, tokensRemaining: 1000, resetInMs: 30_000 });
    });
    it('with several exhausted windows, waits for the latest reset', () => {
      const snapshot = readRateLimit(
        headers({
          'anthropic-ratelimit-requests-remaining': '0',
          'anthropic-ratelimit-requests-reset': '2026-11-23T12:00:10Z',
          'anthropic-ratelimit-tokens-remaining': '0',
          'anthropic-ratelimit-tokens-reset': '2026-11-23T12:00:40Z',
        }),
        NOW,
      );
      assert.equal(snapshot?.resetInMs, 40_000);
    });
  });

  describe('retryAfterFromHeaders', () => {
    it('uses an explicit hint first', () => {
      assert.equal(retryAfterFromHeaders(headers({ 'retry-after': '3', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '9s' }), NOW), 3000);
    });
    it('falls back to the reset of an exhausted window', () => {
      assert.equal(retryAfterFromHeaders(headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '9s' }), NOW), 9000);
    });
    it('says nothing when no window is exhausted', () => {
      assert.equal(retryAfterFromHeaders(headers({ 'x-ratelimit-remaining-requests': '5', 'x-ratelimit-reset-requests': '9s' }), NOW), undefined);
      assert.equal(retryAfterFromHeaders(undefined, NOW), undefined);
    });
  });
});
