// One call's deadlines past the SDKs' header timeout: first content, total, idle once content flows, and a queue of
// keep-alives only. Keep-alive comments, Anthropic pings and empty deltas are not content, so none of them holds a call open.

import { CallTimeoutError } from './normaliseError';
import { QueuedTooLongError } from './queuePatience';

/** Starts a timer and returns what cancels it (injectable so tests control time). */
export type ScheduleTimer = (fire: () => void, ms: number) => () => void;

/** setTimeout behind the ScheduleTimer shape. */
export const realTimer: ScheduleTimer = (fire, ms) => {
  const handle = setTimeout(fire, ms);
  return () => clearTimeout(handle);
};

/** How long one call may take, in ms, each from its own start. */
export interface AttemptLimits {
  /** From the call's start to the first text or reasoning delta (a reasoning model may think for minutes first). */
  readonly firstContentMs: number;
  /** From the call's start to the end of the stream: bounds an answer that drips one character at a time. */
  readonly totalMs: number;
  /** Longest gap between content once it has started. */
  readonly idleMs: number;
  /** From the first keep-alive comment while no content has come: the server is queueing us (DeepSeek). Unset: not watched. */
  readonly queueMs?: number;
  /**
   * From the call's start to the response headers. The SDKs' own header timeout is a real timer; this one runs on the
   * injected schedule, so a hanging server ends the call the same way under test. Unset: not watched.
   */
  readonly headersMs?: number;
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * Watches one call. Pass `signal` to the SDK instead of the caller's: when a deadline passes it aborts the call (closing
 * the socket), and `expired` says which deadline it was, so the adapter reports a `timeout` (or `overloaded` for a queue)
 * rather than the cancel the abort looks like. The caller's own cancel still aborts `signal` and stays a cancel.
 */
export class AttemptWatch {
  readonly signal: AbortSignal;
  readonly #abort = new AbortController();
  #expired: Error | undefined;
  #started = false;
  #queueArmed = false;
  readonly #cancelFirst: () => void;
  readonly #cancelTotal: () => void;
  #cancelIdle = (): void => undefined;
  #cancelQueue = (): void => undefined;
  #cancelHeaders = (): void => undefined;

  constructor(
    callerSignal: AbortSignal,
    private readonly limits: AttemptLimits,
    private readonly schedule: ScheduleTimer = realTimer,
  ) {
    this.signal = AbortSignal.any([callerSignal, this.#abort.signal]);
    this.#cancelFirst = schedule(() => this.expire(new CallTimeoutError(`No answer content within ${seconds(limits.firstContentMs)}.`)), limits.firstContentMs);
    this.#cancelTotal = schedule(() => this.expire(new CallTimeoutError(`The answer did not finish within ${seconds(limits.totalMs)}.`)), limits.totalMs);
    const headersMs = limits.headersMs;
    if (headersMs !== undefined) this.#cancelHeaders = schedule(() => this.expire(new CallTimeoutError(`No response within ${seconds(headersMs)}.`)), headersMs);
  }

  /** The response headers arrived (any status): the header deadline is met. */
  responded(): void {
    this.#cancelHeaders();
  }

  /** A text or reasoning delta with at least one character arrived. */
  content(): void {
    if (this.#expired) return;
    this.responded();
    if (!this.#started) {
      this.#started = true;
      this.#cancelFirst();
      this.#cancelQueue();
    }
    this.#cancelIdle();
    this.#cancelIdle = this.schedule(() => this.expire(new CallTimeoutError(`No content for ${seconds(this.limits.idleMs)} after the answer started.`)), this.limits.idleMs);
  }

  /** A keep-alive comment arrived. Before any content it starts the queue deadline, once. */
  keepAlive(): void {
    if (this.#started || this.#queueArmed || this.#expired || this.limits.queueMs === undefined) return;
    this.#queueArmed = true;
    const ms = this.limits.queueMs;
    this.#cancelQueue = this.schedule(() => this.expire(new QueuedTooLongError(`Only keep-alive comments for ${seconds(ms)}: the request is queued.`)), ms);
  }

  /** The deadline that ended the call, if one did. */
  get expired(): Error | undefined {
    return this.#expired;
  }

  /** Throws the deadline's error when one ended the call (an SDK may end an aborted stream quietly). */
  check(): void {
    if (this.#expired) throw this.#expired;
  }

  /** Cancels every timer; call when the call has ended, however it ended. */
  dispose(): void {
    this.#cancelFirst();
    this.#cancelTotal();
    this.#cancelIdle();
    this.#cancelQueue();
    this.#cancelHeaders();
  }

  private expire(error: Error): void {
    if (this.#expired || this.signal.aborted) return;
    this.#expired = error;
    this.dispose();
    this.#abort.abort(error);
  }
}

/** Wraps one call's fetch so the watch hears when response headers arrive. */
export function withResponseWatch(base: typeof globalThis.fetch, watch: AttemptWatch): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await base(input, init);
    watch.responded();
    return response;
  };
}
