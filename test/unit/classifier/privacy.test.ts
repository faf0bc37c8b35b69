// The privacy rule against its labelled corpus: every credential and identifier caught, no placeholder.

import * as assert from 'node:assert/strict';
import { detectSensitive, detectSensitiveInRequest } from '../../../src/core/classifier/privacy';
import { luhnValid } from '../../../src/core/classifier/personalRules';
import { NEGATIVES, POSITIVES } from './privacyCorpus';

describe('detectSensitive', () => {
  it('has a corpus of the promised size', () => {
    assert.ok(POSITIVES.length >= 40, `positives: ${POSITIVES.length}`);
    assert.ok(NEGATIVES.length >= 30, `negatives: ${NEGATIVES.length}`);
    assert.ok(POSITIVES.filter((c) => c.expect === 'personal').length >= 6);
  });

  for (const c of POSITIVES) {
    it(`catches ${c.name}`, () => {
      const findings = detectSensitive(c.text);
      assert.ok(findings.length > 0, `nothing found in: ${c.text}`);
      assert.ok(findings.some((f) => f.kind === c.expect), `expected a ${c.expect} finding, got ${JSON.stringify(findings)}`);
      for (const f of findings) assert.ok(f.start >= 0 && f.end > f.start && f.end <= c.text.length);
    });
  }

  for (const c of NEGATIVES) {
    it(`ignores ${c.name}`, () => {
      assert.deepEqual(detectSensitive(c.text), [], c.text);
    });
  }

  it('points at the secret itself', () => {
    const text = 'DB_PASSWORD = "Zq8!xw2Lp0"';
    const [finding] = detectSensitive(text);
    assert.equal(text.slice(finding?.start, finding?.end), 'Zq8!xw2Lp0');
  });

  it('leaves the sentence\'s punctuation out of a password stated in prose', () => {
    const text = 'the db password is Zq8!xw2Lp0, why does psql refuse it?';
    const [finding] = detectSensitive(text);
    assert.equal(text.slice(finding?.start, finding?.end), 'Zq8!xw2Lp0');
  });

  it('scans the code around the cursor of an edit with no selection', () => {
    const around = { before: 'const token = "ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5z";\n', after: '' };
    assert.equal(detectSensitiveInRequest({ kind: 'edit', instruction: 'add a fetch call here', aroundCursor: around }).length, 1);
  });

  it('scans selection and conversation of a request', () => {
    const card = 'card 4539 1488 0343 6467';
    assert.equal(detectSensitiveInRequest({ kind: 'edit', instruction: 'rename x', selection: card }).length, 1);
    assert.equal(detectSensitiveInRequest({ kind: 'chat', instruction: 'go on', conversation: [{ role: 'user', content: card }] }).length, 1);
    assert.equal(detectSensitiveInRequest({ kind: 'chat', instruction: 'hello' }).length, 0);
  });

  it('implements Luhn', () => {
    assert.equal(luhnValid('4539148803436467'), true);
    assert.equal(luhnValid('4539148803436468'), false);
  });
});
