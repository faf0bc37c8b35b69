// The privacy scan of a long text in windows across ticks: same findings as one scan, no step over a window's size.

import * as assert from 'node:assert/strict';
import { detectSensitive } from '../../../src/core/classifier/privacy';
import { SCAN_WINDOW, windowedDetector } from '../../../src/core/privacyCheck';
import type { DetectSensitive } from '../../../src/core/privacyCheck';
import { ProviderError } from '../../../src/core/providerError';
import { FakeProvider, makeHarness } from './routingFakes';

const LINE = 'const msg = "Hello, " + name + "!"; log(\'x\', "y"); const total = a + b; // note\n';
const filler = (chars: number) => LINE.repeat(Math.ceil(chars / LINE.length)).slice(0, chars);
const TOKEN = 'ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5';
const KEY_BLOCK = `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi+\n'.repeat(150)}-----END RSA PRIVATE KEY-----`;

/** Counts the chars each synchronous scan was given. */
function measured(detect: DetectSensitive): { detect: DetectSensitive; sizes: number[] } {
  const sizes: number[] = [];
  return { sizes, detect: (text) => (sizes.push(text.length), detect(text)) };
}

describe('windowed privacy scan', () => {
  it('finds what one scan finds, at the same offsets, with secrets straddling every window edge', async () => {
    // Secrets placed so each straddles a window edge: a key name before the edge and its value after, a private key
    // block running over two windows, a token cut by the edge.
    let text = '';
    const put = (secret: string, at: number) => {
      text += filler(at - text.length) + secret;
    };
    put('DB_PASSWORD = "Zq8!xw2Lp0vR";', SCAN_WINDOW - 8);
    put(`t = "${TOKEN}";`, 2 * SCAN_WINDOW - 20);
    put(KEY_BLOCK, 3 * SCAN_WINDOW - 100);
    put('card 4539 1488 0343 6467', 5 * SCAN_WINDOW - 10);
    text += filler(20_000);
    const whole = detectSensitive(text);
    assert.equal(whole.length, 4);
    const m = measured(detectSensitive);
    let pauses = 0;
    const windowed = await windowedDetector(m.detect, async () => void pauses++)(text);
    assert.deepEqual(windowed, whole);
    assert.ok(pauses >= 5, `${pauses} pauses`);
    assert.ok(Math.max(...m.sizes) <= SCAN_WINDOW + 13 * 1024, `largest step ${Math.max(...m.sizes)} chars`);
  });

  it('drops the position of a match cut off at a window scan\'s end, so redact mode keeps the request local', async () => {
    // A private key block longer than what is scanned after a window: the match ends where the scan stopped, so its
    // end is not the secret's end. Redacting start..end would send the key's tail; without a position the request stays local.
    const longKey = `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi+\n'.repeat(700)}-----END RSA PRIVATE KEY-----`;
    const text = filler(SCAN_WINDOW - 50) + longKey + filler(60_000);
    const found = await windowedDetector(detectSensitive, async () => {})(text);
    const key = found.filter((f) => f.rule === 'private-key');
    assert.equal(key.length, 1);
    assert.equal(key[0]?.start, undefined, 'a cut-off match has no position');
    assert.equal(key[0]?.end, undefined);
    // A match that ends inside its scan keeps its position (the first test checks the offsets).
  });

  it('scans a short text in one step, without pausing', async () => {
    let pauses = 0;
    const found = await windowedDetector(detectSensitive, async () => void pauses++)(`t = "${TOKEN}"`);
    assert.equal(found.length, 1);
    assert.equal(pauses, 0);
  });

  it('keeps a 1 MB selection with a secret at its end local, scanning it in steps of at most ~45k chars', async () => {
    const paidProviders = [
      new FakeProvider('deepseek', false, { 'deepseek-flash': { text: 'paid' } }),
      new FakeProvider('openai', false, { 'gpt-6-luna': { text: 'paid' } }),
      new FakeProvider('anthropic', false, { 'claude-sonnet-5-5': { text: 'paid' }, 'claude-opus-5-5': { text: 'paid' } }),
    ];
    const ollama = new FakeProvider('ollama', true, { small: { text: 'local' }, fallback: { throws: new ProviderError('unavailable', 'down') } });
    const m = measured(detectSensitive);
    const h = makeHarness({ providers: [...paidProviders, ollama], sensitive: m.detect, classify: 'coding' });
    const selection = `${filler(1_000_000)}\nconst token = "${TOKEN}";\n`;
    const r = await h.route({ kind: 'chat', instruction: 'explain', selection, explicitPool: 'coding' });
    assert.equal(paidProviders.reduce((n, p) => n + p.calls.length, 0), 0, 'never sent to a paid model');
    assert.equal(r.servedBy, 'ollama:small');
    assert.equal(r.classification.source, 'privacy');
    assert.ok(Math.max(...m.sizes) <= SCAN_WINDOW + 13 * 1024, `largest synchronous scan ${Math.max(...m.sizes)} chars`);
  });
});
