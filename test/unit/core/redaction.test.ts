// Redaction: stable placeholders for detected secrets, every occurrence replaced, and restored in answers and streams.

import * as assert from 'node:assert/strict';
import { detectSensitive as detectSync } from '../../../src/core/classifier/privacy';
import type { DetectSensitive, DetectSensitiveAsync } from '../../../src/core/privacyCheck';
import { redactRequest, restoreAnswer, restoreText, StreamRestorer } from '../../../src/core/redaction';
import type { Redaction } from '../../../src/core/redaction';

const detectSensitive: DetectSensitiveAsync = async (text) => detectSync(text);
const asAsync = (d: DetectSensitive): DetectSensitiveAsync => async (text) => d(text);
const TOKEN = 'ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5';
const KEY = 'AKIAQ7V2M4KZ8RT3WXPL';

describe('redactRequest', () => {
  it('numbers secrets by first appearance, oldest turn first, and replaces every occurrence of each', async () => {
    const r = await redactRequest(
      {
        kind: 'chat',
        instruction: `and ${KEY}?`,
        selection: `token = "${TOKEN}"`,
        conversation: [
          { role: 'user', content: `my token is ${TOKEN}` },
          { role: 'assistant', content: `so ${TOKEN} expired` },
        ],
      },
      detectSensitive,
    );
    assert.ok(r);
    assert.deepEqual(r.secrets.map((s) => [s.placeholder, s.value]), [['REDACTED_SECRET_1', TOKEN], ['REDACTED_SECRET_2', KEY]]);
    assert.equal(r.request.conversation?.[1]?.content, 'so REDACTED_SECRET_1 expired', 'the earlier answer too, though no rule fires there');
    assert.equal(r.request.instruction, 'and REDACTED_SECRET_2?');
    assert.equal(r.request.selection, 'token = "REDACTED_SECRET_1"');
    assert.equal(JSON.stringify(r.request).includes(TOKEN) || JSON.stringify(r.request).includes(KEY), false);
  });

  it('redacts the code around the cursor', async () => {
    const r = await redactRequest({ kind: 'edit', instruction: 'add a call', aroundCursor: { before: `k = "${TOKEN}"\n`, after: '' } }, detectSensitive);
    assert.equal(r?.request.aroundCursor?.before, 'k = "REDACTED_SECRET_1"\n');
  });

  it('picks another placeholder name when the text already holds one', async () => {
    const r = await redactRequest({ kind: 'chat', instruction: `REDACTED_SECRET_1 is a label; the key is ${TOKEN}` }, detectSensitive);
    assert.equal(r?.request.instruction, 'REDACTED_SECRET_1 is a label; the key is REDACTED1_SECRET_1');
    assert.equal(restoreText('REDACTED_SECRET_1 / REDACTED1_SECRET_1', r!), `REDACTED_SECRET_1 / ${TOKEN}`);
  });

  it('keeps the request local (undefined) when a finding has no position, or something sensitive is left', async () => {
    const noSpans: DetectSensitive = () => [{ rule: 'x', kind: 'credential' }];
    assert.equal(await redactRequest({ kind: 'chat', instruction: 'x' }, asAsync(noSpans)), undefined);
    // Flags every non-empty text, placeholders included: replacing never makes it clean.
    const stubborn: DetectSensitive = (t) => (t.length > 0 ? [{ rule: 'x', kind: 'credential', start: 0, end: t.length }] : []);
    assert.equal(await redactRequest({ kind: 'chat', instruction: 'left' }, asAsync(stubborn)), undefined);
  });

  it('never mistakes REDACTED_SECRET_1 inside REDACTED_SECRET_10 when restoring', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `k${i} = "ghp_${String(i).repeat(2)}aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3x"`).join('\n');
    const r = await redactRequest({ kind: 'chat', instruction: texts }, detectSensitive);
    assert.equal(r?.secrets.length, 10);
    assert.equal(restoreText('REDACTED_SECRET_10 REDACTED_SECRET_1', r!), `${r!.secrets[9]!.value} ${r!.secrets[0]!.value}`);
  });
});

describe('restoring answers', () => {
  let r: Redaction;
  before(async () => {
    r = (await redactRequest({ kind: 'review', instruction: 'review', selection: `const t = "${TOKEN}";` }, detectSensitive))!;
  });

  it('restores every string of a structured answer', () => {
    const restored = restoreAnswer(
      { kind: 'review', text: 'REDACTED_SECRET_1', review: { findings: [{ line: 1, severity: 'error', message: 'REDACTED_SECRET_1 is hard-coded' }], summary: 's' } },
      r,
    );
    assert.equal(restored.kind === 'review' && restored.review.findings[0]?.message, `${TOKEN} is hard-coded`);
  });

  it('restores a placeholder split at any point across deltas, and passes other text through', () => {
    const answer = 'a REDACTED_SECRET_1, then REDACTED_SECRET_1!';
    for (let cut = 0; cut <= answer.length; cut++) {
      for (let cut2 = cut; cut2 <= answer.length; cut2 += 5) {
        const stream = new StreamRestorer(r);
        const out = stream.push(answer.slice(0, cut)) + stream.push(answer.slice(cut, cut2)) + stream.push(answer.slice(cut2)) + stream.flush();
        assert.equal(out, `a ${TOKEN}, then ${TOKEN}!`, `cut at ${cut}/${cut2}`);
      }
    }
    const stream = new StreamRestorer(r);
    assert.equal(stream.push('plain text'), 'plain text', 'nothing held without a possible placeholder');
    assert.equal(stream.push(' REDACT'), ' ');
    assert.equal(stream.flush(), 'REDACT', 'an unfinished prefix comes out as it was');
  });
});
