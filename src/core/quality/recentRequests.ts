// The requests this window answered lately, by id, as their ledger records have them: what a quality signal about one
// of them carries along (`SignalRequest`), so the panel never reads records back to join signals to them.

import { servedPoolOf } from '../ledger/spendDigest';
import type { LedgerRecord } from '../ledger/ledgerRecord';
import type { SignalRequest } from './qualitySignal';

/**
 * Answers come and go within a session: 2000 covers a long day of requests (an edit is judged within minutes), and a
 * signal about an older one is written without its request (the panel counts it as about an unknown request).
 */
export const RECENT_REQUESTS_KEPT = 2000;

/** A bounded map from request id to its `SignalRequest`, oldest forgotten first. */
export class RecentRequests {
  private readonly byId = new Map<string, SignalRequest>();

  constructor(private readonly limit = RECENT_REQUESTS_KEPT) {}

  /** Remembers an answered request (a failed or cancelled one has no model to judge, and no id means no signals). */
  remember(record: LedgerRecord): void {
    if (record.id === undefined || record.servedBy === null || record.outcome !== 'ok') return;
    this.byId.delete(record.id);
    this.byId.set(record.id, {
      time: record.time,
      pool: servedPoolOf(record),
      model: record.servedBy,
      ...(record.experiment ? { experiment: { id: record.experiment.id, arm: record.experiment.arm } } : {}),
    });
    if (this.byId.size > this.limit) this.byId.delete(this.byId.keys().next().value as string);
  }

  /** The request behind `id`, or undefined when this window did not answer it lately. */
  get(id: string): SignalRequest | undefined {
    return this.byId.get(id);
  }
}
