// A window of ledger records' health fields kept column by column in typed arrays: a heavy week is hundreds of thousands
// of records, and as objects (even small ones) they lengthen every garbage collection on the extension host (30–40 ms
// pauses at a million-line month); as columns they are flat buffers the collector never walks.
//
// The columns are chunks of a few thousand records that are only ever appended to, shared between windows by
// reference: a copy for a caller, a concatenation of months or of blocks read backwards costs a few pointers, never a
// copy of the data (a fresh multi-MB buffer costs tens of ms in page faults alone the first time it is written).

import type { CandidatePool } from '../cascade/attemptRecord';
import type { LedgerRecord, RequestOutcome } from '../ledger/ledgerRecord';

/** The fields of a ledger record that health reads. */
export type HealthRecord = Pick<LedgerRecord, 'time' | 'costMicros' | 'outcome' | 'escalated' | 'servedPool' | 'latencyMs' | 'demo'>;

const OUTCOMES: readonly RequestOutcome[] = ['ok', 'failed', 'cancelled'];
const SERVED: readonly (CandidatePool | null)[] = [null, 'local', 'quick', 'coding', 'reasoning', 'fallback'];
/** codes: bits 0–1 outcome, 2–4 served pool, 5 escalated, 6 demo. */
const ESCALATED = 1 << 5;
const DEMO = 1 << 6;
/** Records per chunk: ~100 KB of buffers. */
const CHUNK_RECORDS = 4096;

/** Up to `capacity` records' fields; positions below `length` are never written again. */
export class HealthChunk {
  readonly times: Float64Array;
  readonly costs: Float64Array;
  readonly latencies: Float64Array;
  readonly codes: Uint8Array;
  length = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.costs = new Float64Array(capacity);
    this.latencies = new Float64Array(capacity);
    this.codes = new Uint8Array(capacity);
  }

  push(r: HealthRecord): void {
    const at = this.length++;
    this.times[at] = Date.parse(r.time);
    this.costs[at] = r.costMicros;
    this.latencies[at] = r.latencyMs;
    const outcome = OUTCOMES.indexOf(r.outcome);
    const served = SERVED.indexOf(r.servedPool);
    this.codes[at] = (outcome < 0 ? 0 : outcome) | ((served < 0 ? 0 : served) << 2) | (r.escalated ? ESCALATED : 0) | (r.demo === true ? DEMO : 0);
  }

  outcome(j: number): RequestOutcome {
    return OUTCOMES[(this.codes[j] as number) & 3] as RequestOutcome;
  }

  servedPool(j: number): CandidatePool | null {
    return SERVED[((this.codes[j] as number) >> 2) & 7] ?? null;
  }

  escalated(j: number): boolean {
    return ((this.codes[j] as number) & ESCALATED) !== 0;
  }

  demo(j: number): boolean {
    return ((this.codes[j] as number) & DEMO) !== 0;
  }

  record(j: number): HealthRecord {
    const r = {
      time: new Date(this.times[j] as number).toISOString(),
      costMicros: this.costs[j] as number,
      outcome: this.outcome(j),
      escalated: this.escalated(j),
      servedPool: this.servedPool(j),
      latencyMs: this.latencies[j] as number,
    };
    return this.demo(j) ? { ...r, demo: true } : r;
  }
}

/** Part of a chunk: positions `from` (inclusive) to `to` (exclusive). */
export interface HealthSegment {
  readonly chunk: HealthChunk;
  from: number;
  to: number;
}

/** Records' health fields in append order; `drop` lets the oldest go, `push` adds at the end. */
export class HealthColumns {
  private segments: HealthSegment[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** The parts in order, oldest first (read them; do not change them). */
  get parts(): readonly Readonly<HealthSegment>[] {
    return this.segments;
  }

  push(r: HealthRecord): void {
    const last = this.segments[this.segments.length - 1];
    // Append into the last chunk only while it is ours to extend: full up to this segment's end and not full.
    if (last && last.to === last.chunk.length && last.chunk.length < last.chunk.capacity) {
      last.chunk.push(r);
      last.to++;
    } else {
      const chunk = new HealthChunk(CHUNK_RECORDS);
      chunk.push(r);
      this.segments.push({ chunk, from: 0, to: 1 });
    }
    this.count++;
  }

  /** Lets the oldest `n` go. */
  drop(n: number): void {
    let left = Number.isFinite(n) ? Math.min(Math.max(0, Math.floor(n)), this.count) : 0;
    this.count -= left;
    while (left > 0) {
      const first = this.segments[0] as HealthSegment;
      const take = Math.min(left, first.to - first.from);
      first.from += take;
      left -= take;
      if (first.from === first.to) this.segments.shift();
    }
  }

  /** How many of the oldest records started before `ms` (they are in time order, as the ledger appends them). */
  countBefore(ms: number): number {
    let n = 0;
    for (const s of this.segments) {
      for (let j = s.from; j < s.to; j++) {
        if ((s.chunk.times[j] as number) >= ms) return n;
        n++;
      }
    }
    return n;
  }

  /** Whether any record started before `ms`. */
  anyBefore(ms: number): boolean {
    return this.segments.some((s) => {
      for (let j = s.from; j < s.to; j++) if ((s.chunk.times[j] as number) < ms) return true;
      return false;
    });
  }

  records(): HealthRecord[] {
    const out: HealthRecord[] = [];
    for (const s of this.segments) for (let j = s.from; j < s.to; j++) out.push(s.chunk.record(j));
    return out;
  }

  /** `parts` one after the other, sharing their chunks (nothing is copied; later pushes to a part are not seen). */
  static concat(parts: readonly HealthColumns[]): HealthColumns {
    const out = new HealthColumns();
    for (const p of parts) {
      for (const s of p.segments) out.segments.push({ chunk: s.chunk, from: s.from, to: s.to });
      out.count += p.count;
    }
    return out;
  }

  /** Records parsed together, as one part (a block read backwards: its chunk is exactly its size). */
  static of(records: readonly HealthRecord[]): HealthColumns {
    const out = new HealthColumns();
    if (records.length === 0) return out;
    const chunk = new HealthChunk(records.length);
    for (const r of records) chunk.push(r);
    out.segments.push({ chunk, from: 0, to: records.length });
    out.count = records.length;
    return out;
  }
}
