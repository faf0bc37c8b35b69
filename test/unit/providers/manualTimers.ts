// A ScheduleTimer the test fires by hand: time passes only when the test says so.
import type { ScheduleTimer } from '../../../src/providers/idleTimeout';

export class ManualTimers {
  readonly pending = new Set<{ fire: () => void; ms: number }>();
  readonly schedule: ScheduleTimer = (fire, ms) => {
    const timer = { fire, ms };
    this.pending.add(timer);
    return () => this.pending.delete(timer);
  };
  fireAll(): void {
    for (const timer of [...this.pending]) {
      this.pending.delete(timer);
      timer.fire();
    }
  }
}
