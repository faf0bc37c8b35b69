// Recording rules for quality signals: what is written, once, and never anything but ids, pools and the kind of action.

import type { Clock, Logger, QualitySink } from '../ports';
import type { PoolName } from '../request';
import { isRequestId, QUALITY_SCHEMA_VERSION, type QualitySignal, type QualitySignalKind, type SignalRequest } from './qualitySignal';

/** Signals that mean the same the second time (a second copy of one answer says no more than the first). */
const ONCE_PER_REQUEST: ReadonlySet<QualitySignalKind> = new Set(['answer-copied', 'answer-inserted', 'finding-dismissed', 'fix-applied', 'pool-override']);
/** Requests remembered for the once-only rule; older ones may be recorded again (harmless: the verdict is the same). */
const REMEMBERED = 2000;

/** Writes signals as they happen, behind the user's action: a failing write is logged, never thrown. */
export class QualityRecorder {
  private readonly seen = new Set<string>();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: QualitySink,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly demo: () => boolean = () => false,
    /** The request behind an id, when this window still remembers its record (see `RecentRequests`). */
    private readonly requestOf: (requestId: string) => SignalRequest | undefined = () => undefined,
  ) {}

  /**
   * Records `signal` about request `requestId` (the router's id; a request without one — routed before ids, or a
   * reloaded chat's answer — records nothing). Returns the signal written, or undefined when nothing was.
   */
  record(requestId: string | undefined, signal: Exclude<QualitySignalKind, 'pool-override'>): QualitySignal | undefined;
  record(requestId: string | undefined, signal: 'pool-override', override: { readonly from: PoolName; readonly to: PoolName }): QualitySignal | undefined;
  record(requestId: string | undefined, signal: QualitySignalKind, override?: { readonly from: PoolName; readonly to: PoolName }): QualitySignal | undefined {
    if (!isRequestId(requestId)) return undefined;
    if (signal === 'pool-override' && (!override || override.from === override.to)) return undefined;
    if (ONCE_PER_REQUEST.has(signal)) {
      const key = `${requestId} ${signal}`;
      if (this.seen.has(key)) return undefined;
      this.seen.add(key);
      if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.values().next().value as string);
    }
    const req = this.requestOf(requestId);
    const written: QualitySignal = {
      v: QUALITY_SCHEMA_VERSION,
      time: new Date(this.clock.now()).toISOString(),
      id: requestId,
      signal,
      ...(signal === 'pool-override' && override ? { from: override.from, to: override.to } : {}),
      ...(this.demo() ? { demo: true as const } : {}),
      ...(req ? { req } : {}),
    };
    this.writes = this.writes.then(() =>
      this.sink.append(written).catch((error: unknown) => this.logger.warn(`quality: could not record ${signal}: ${error instanceof Error ? error.message : String(error)}`)),
    );
    return written;
  }

  /** Resolves once every signal recorded so far is written (or its failure logged). */
  whenWritten(): Promise<void> {
    return this.writes;
  }
}
