// A ScheduleTimer the test fires by hand: time passes only when the test says so.
import type { ScheduleTimer } from '../../../src/providers/attemptWatch';

export class ManualTimers {
  readonly pending = new Set<{ fire: () => void; ms: number }>();
  readonly schedule: ScheduleTimer = (fire, ms) => {
    const timer = { fire, ms };
    this.pending.add(timer);
    return () => this.pending.delete(timer);
  };
  /** Delays of the timers still pending, sorted. */
  delays(): number[] {
    return [...this.pending].map((t) => t.ms).sort((a, b) => a - b);
  }
  /** Fires every pending timer of `ms`; throws when there is none (the deadline under test was not armed). */
  fire(ms: number): void {
    const due = [...this.pending].filter((t) => t.ms === ms);
    if (due.length === 0) throw new Error(`no pending timer of ${ms} ms (pending: ${this.delays().join(', ')})`);
    for (const timer of due) {
      this.pending.delete(timer);
      timer.fire();
    }
  }
  fireAll(): void {
    for (const timer of [...this.pending]) {
      this.pending.delete(timer);
      timer.fire();
    }
  }
}
