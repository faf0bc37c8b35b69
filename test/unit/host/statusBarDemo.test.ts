// Demo answers bill nothing, so the status bar labels demo dollars and does not measure them against a real budget.
import * as assert from 'node:assert/strict';
import { idleText, todayText } from '../../../src/host/statusBarText';

describe('host: status bar in demo mode', () => {
  it('labels the demo sum as not billed and leaves the budget share out', () => {
    assert.equal(idleText(1500, 5_000_000, true), 'Triage $0.0015 today (demo, not billed)');
    assert.equal(todayText(1500, true), '$0.0015 today (demo, not billed)');
  });

  it('outside demo mode shows the plain sum and the budget share', () => {
    assert.match(idleText(1500, 5_000_000), /^Triage \$0\.0015 today \(0% of \$5(\.00)?\)$/);
  });
});
