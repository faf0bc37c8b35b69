// The copies the edit gate has checked, and the TypeScript server's answer read into diagnostics.

import { strict as assert } from 'node:assert';
import { copyText, tsServerDiagnostics } from '../../../../src/core/editCheck/checkCopies';

describe('edit gate: copies and the TypeScript server answer', () => {
  it('makes a TypeScript or JavaScript copy a module without moving a line', () => {
    assert.equal(copyText('typescript', 'let a = 1;\n'), 'let a = 1;\nexport {};\n');
    assert.equal(copyText('javascriptreact', 'let a = 1;'), 'let a = 1;\nexport {};\n');
    assert.equal(copyText('python', 'a = 1\n'), 'a = 1\n');
  });

  it('reads errors, warnings and suggestions with 0-based lines', () => {
    const answer = {
      type: 'response',
      success: true,
      body: [
        { start: { line: 3, offset: 3 }, end: { line: 3, offset: 9 }, text: "Type 'string' is not assignable to type 'number'.", code: 2322, category: 'error' },
        { start: { line: 1, offset: 1 }, text: 'unused', category: 'suggestion', source: 'ts-plugin' },
        { start: { line: 2, offset: 1 }, text: 'careful', category: 'warning' },
        { text: 42, category: 'error' },
      ],
    };
    assert.deepEqual(tsServerDiagnostics(answer), [
      { severity: 'error', message: "Type 'string' is not assignable to type 'number'.", line: 2, source: 'ts' },
      { severity: 'hint', message: 'unused', line: 0, source: 'ts-plugin' },
      { severity: 'warning', message: 'careful', line: 1, source: 'ts' },
    ]);
  });

  it('says it cannot tell when the answer is not a diagnostics list', () => {
    assert.equal(tsServerDiagnostics(undefined), undefined);
    assert.equal(tsServerDiagnostics({ type: 'noServer' }), undefined);
    assert.equal(tsServerDiagnostics({ body: 'x' }), undefined);
    assert.deepEqual(tsServerDiagnostics({ body: [] }), []);
  });

  it('makes a copy of each of the four TypeScript and JavaScript languages a module, an empty one without a blank line', () => {
    for (const languageId of ['typescript', 'typescriptreact', 'javascript', 'javascriptreact']) assert.equal(copyText(languageId, 'a'), 'a\nexport {};\n', languageId);
    assert.equal(copyText('typescript', ''), 'export {};\n');
  });

  it('reads any other category as information', () => {
    assert.deepEqual(tsServerDiagnostics({ body: [{ text: 'note', category: 'message', start: { line: 1 } }] }), [{ severity: 'information', message: 'note', line: 0, source: 'ts' }]);
  });

  it('says it cannot tell for a null answer, and skips items that are not objects', () => {
    assert.equal(tsServerDiagnostics(null), undefined);
    assert.deepEqual(tsServerDiagnostics({ body: [null, 'text', 7, { text: 'kept', category: 'error' }] }), [{ severity: 'error', message: 'kept', line: 0, source: 'ts' }]);
  });
});
