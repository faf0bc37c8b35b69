// The edit gate's pure decisions: which errors are new, what to do with a proposal, and the words the user reads.

import { strict as assert } from 'node:assert';
import { newErrors } from '../../../../src/core/editCheck/editDiagnostics';
import type { EditDiagnostic } from '../../../../src/core/editCheck/editDiagnostics';
import { describeEditCheck, gateStep, judgeEdit, summarise } from '../../../../src/core/editCheck/editGate';
import type { EditVerdict } from '../../../../src/core/editCheck/editGate';

const error = (message: string, line = 0, source = 'ts'): EditDiagnostic => ({ severity: 'error', message, line, source });
const ASSIGN = "Type 'string' is not assignable to type 'number'.";
const MISSING = "Cannot find name 'y'.";

function bad(n: number): EditVerdict {
  return { status: 'new-errors', newErrors: Array.from({ length: n }, (_, i) => ({ message: `e${i}`, line: i + 1 })) };
}
const CLEAN: EditVerdict = { status: 'clean', newErrors: [] };

describe('edit gate: new errors', () => {
  it('does not count an error that only moved to another line', () => {
    assert.deepEqual(newErrors([error(ASSIGN, 3)], [error(ASSIGN, 9)]), []);
  });

  it('reports an error the proposal adds, with its 1-based line', () => {
    assert.deepEqual(newErrors([error(ASSIGN, 3)], [error(ASSIGN, 4), error(MISSING, 1)]), [{ message: MISSING, line: 2 }]);
  });

  it('counts a second copy of an existing error as new', () => {
    assert.deepEqual(newErrors([error(ASSIGN, 3)], [error(ASSIGN, 3), error(ASSIGN, 7)]), [{ message: ASSIGN, line: 8 }]);
  });

  it('finds nothing new when the proposal fixes an error', () => {
    assert.deepEqual(newErrors([error(ASSIGN), error(MISSING)], [error(MISSING)]), []);
  });

  it('ignores warnings, information and hints', () => {
    const after: EditDiagnostic[] = [
      { severity: 'warning', message: 'w', line: 0 },
      { severity: 'hint', message: "'x' is declared but its value is never read.", line: 1 },
      { severity: 'information', message: 'i', line: 2 },
    ];
    assert.deepEqual(newErrors([], after), []);
  });

  it('does not let a warning in the copy before cancel the same error after', () => {
    const warning: EditDiagnostic = { ...error('bad', 0), severity: 'warning' };
    assert.deepEqual(newErrors([warning], [error('bad', 0)]), [{ message: 'bad', line: 1 }]);
  });

  it('reads messages that differ only in surrounding space, and a missing source and an empty one, as the same error', () => {
    assert.deepEqual(newErrors([error('bad  ', 0)], [error(' bad', 4)]), []);
    assert.deepEqual(newErrors([{ severity: 'error', message: 'bad', line: 0 }], [error('bad', 0, '')]), []);
  });

  it('tells the same message from two sources apart', () => {
    assert.deepEqual(newErrors([error('bad', 0, 'eslint')], [error('bad', 0, 'ts')]), [{ message: 'bad', line: 1 }]);
  });

  it('lists new errors in line order', () => {
    assert.deepEqual(newErrors([], [error('b', 5), error('a', 1)]).map((p) => p.line), [2, 6]);
  });
});

describe('edit gate: verdicts and steps', () => {
  it('judges each kind of report', () => {
    assert.deepEqual(judgeEdit({ kind: 'reported', before: [], after: [error(ASSIGN, 2)], ms: 40 }), { status: 'new-errors', newErrors: [{ message: ASSIGN, line: 3 }], ms: 40 });
    assert.deepEqual(judgeEdit({ kind: 'reported', before: [error(ASSIGN)], after: [], ms: 40 }), { status: 'clean', newErrors: [], ms: 40 });
    assert.deepEqual(judgeEdit({ kind: 'timed-out', ms: 1500 }), { status: 'timed-out', newErrors: [], ms: 1500 });
    assert.deepEqual(judgeEdit({ kind: 'unavailable', reason: 'plaintext' }), { status: 'unavailable', newErrors: [], reason: 'plaintext' });
  });

  it('shows a clean, unchecked or timed-out proposal at once', () => {
    for (const status of ['clean', 'timed-out', 'unavailable'] as const) {
      assert.equal(gateStep({ status, newErrors: [] }, undefined), 'show');
      assert.equal(gateStep({ status, newErrors: [] }, bad(1)), 'show');
    }
  });

  it('escalates the first proposal that adds errors, and only the first', () => {
    assert.equal(gateStep(bad(1), undefined), 'escalate');
    assert.equal(gateStep(bad(1), bad(2)), 'show');
  });

  it('shows the held proposal when it adds fewer errors; a tie goes to the next model', () => {
    assert.equal(gateStep(bad(3), bad(1)), 'show-held');
    assert.equal(gateStep(bad(2), bad(2)), 'show');
  });

  it('summarises what was passed over', () => {
    assert.deepEqual(summarise(CLEAN, undefined, false), CLEAN);
    assert.deepEqual(summarise(CLEAN, { model: 'deepseek:flash', verdict: bad(1) }, false), { ...CLEAN, escalatedFrom: 'deepseek:flash' });
    assert.deepEqual(summarise(bad(1), { model: 'deepseek:flash', verdict: bad(2) }, false), { ...bad(1), escalatedFrom: 'deepseek:flash', otherNewErrors: 2 });
    assert.deepEqual(summarise(bad(1), { model: 'openai:luna', verdict: bad(3) }, true), { ...bad(1), otherNewErrors: 3 });
  });
});

describe('edit gate: the answer line', () => {
  it('says the check ran and found nothing new', () => {
    assert.equal(describeEditCheck(CLEAN), 'checked: no new errors');
    assert.equal(
      describeEditCheck({ ...CLEAN, escalatedFrom: 'deepseek:flash' }),
      "checked: no new errors; deepseek:flash's proposal added errors, so the next model was asked",
    );
  });

  it('lists the new problems, the first three, with their lines', () => {
    assert.equal(describeEditCheck({ status: 'new-errors', newErrors: [{ message: ASSIGN, line: 3 }] }), `1 new error: line 3: ${ASSIGN}`);
    assert.equal(describeEditCheck(bad(5)), '5 new errors: line 1: e0; line 2: e1; line 3: e2; and 2 more');
    assert.equal(describeEditCheck({ ...bad(2), otherNewErrors: 4 }, false), '2 new errors (the other proposal added 4)');
  });

  it('lists exactly three problems without "and 0 more"', () => {
    assert.equal(describeEditCheck(bad(3)), '3 new errors: line 1: e0; line 2: e1; line 3: e2');
  });

  it('trims a problem\'s line, and cuts only a line longer than 160 characters', () => {
    assert.equal(describeEditCheck({ status: 'new-errors', newErrors: [{ message: '  padded  \nmore', line: 2 }] }), '1 new error: line 2: padded');
    const at = (message: string) => describeEditCheck({ status: 'new-errors', newErrors: [{ message, line: 1 }] });
    assert.equal(at('y'.repeat(160)), `1 new error: line 1: ${'y'.repeat(160)}`);
    assert.equal(at('y'.repeat(161)), `1 new error: line 1: ${'y'.repeat(157)}…`);
  });

  it('keeps one line per problem, however long the message', () => {
    const long = describeEditCheck({ status: 'new-errors', newErrors: [{ message: `first line\n  detail ${'x'.repeat(300)}`, line: 1 }] });
    assert.equal(long, '1 new error: line 1: first line');
    assert.ok(describeEditCheck({ status: 'new-errors', newErrors: [{ message: 'y'.repeat(400), line: 1 }] }).length < 200);
  });

  it('says when the check timed out or could not run', () => {
    assert.equal(describeEditCheck({ status: 'timed-out', newErrors: [] }), 'check timed out');
    assert.equal(describeEditCheck({ status: 'timed-out', newErrors: [], ms: 1500 }), 'check timed out (1500 ms)');
    assert.equal(
      describeEditCheck({ status: 'unavailable', newErrors: [], reason: 'no language server reports diagnostics for markdown' }),
      'not checked by a language server (no language server reports diagnostics for markdown)',
    );
    assert.equal(describeEditCheck({ status: 'unavailable', newErrors: [] }), 'not checked by a language server');
  });
});
