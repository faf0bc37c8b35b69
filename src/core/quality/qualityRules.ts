// What each quality signal says about the answer it is about: a verdict (kept or not), a retry, or neither; and
// the "undone soon after accepting" rule that turns an accepted edit into a rejected one.

import type { QualitySignal, QualitySignalKind } from './qualitySignal';

/**
 * An accepted edit undone within this long was taken back, not edited later: one minute covers reading the applied
 * change and pressing Undo, while an undo after that is more likely part of later work that happened to reach it.
 */
export const UNDO_WINDOW_MS = 60_000;

/** Whether the user kept an answer. */
export type Verdict = 'accepted' | 'rejected';

const VERDICTS: Readonly<Partial<Record<QualitySignalKind, Verdict>>> = {
  'edit-accepted': 'accepted',
  'fix-applied': 'accepted',
  'answer-copied': 'accepted',
  'answer-inserted': 'accepted',
  'edit-rejected': 'rejected',
  'edit-undone': 'rejected',
  'finding-dismissed': 'rejected',
  'stronger-asked': 'rejected',
};

/** The verdict a signal gives its answer; undefined for signals that judge nothing (a re-run, a pool pick). */
export function verdictOf(kind: QualitySignalKind): Verdict | undefined {
  return VERDICTS[kind];
}

/**
 * The verdicts the acceptance rate counts: an edit accepted, rejected or undone soon after, a review fix applied or a
 * finding dismissed. A copied chat answer is weak evidence (copying is also how one quotes a wrong answer to fix it) and
 * "ask a stronger model" is counted as a retry, so neither moves the acceptance rate the panel and experiments show.
 */
export function judgementOf(kind: QualitySignalKind): Verdict | undefined {
  switch (kind) {
    case 'edit-accepted':
    case 'fix-applied':
      return 'accepted';
    case 'edit-rejected':
    case 'edit-undone':
    case 'finding-dismissed':
      return 'rejected';
    default:
      return undefined;
  }
}

/** The user asked for the same thing again: a stronger model, or the same edit re-run. */
export function isRetry(kind: QualitySignalKind): boolean {
  return kind === 'stronger-asked' || kind === 'edit-rerun';
}

/** A change to a document after an accepted edit, as the host sees it. */
export interface ChangeAfterAccept {
  readonly atMs: number;
  /** VS Code says the change is an Undo. */
  readonly isUndo: boolean;
  /** The document's text is again what it was before the edit was applied. */
  readonly restoresBefore: boolean;
}

/**
 * Watching an accepted edit: `undone` when an Undo within the window brings back the text from before the edit (typing
 * after the accept and undoing all of it counts too); `stop` once the window is over; otherwise keep watching.
 */
export function undoDecision(acceptedAtMs: number, change: ChangeAfterAccept, windowMs = UNDO_WINDOW_MS): 'undone' | 'watch' | 'stop' {
  if (change.atMs - acceptedAtMs > windowMs) return 'stop';
  return change.isUndo && change.restoresBefore ? 'undone' : 'watch';
}

/** What the signals about one request add up to. */
export interface RequestQuality {
  /** The last verdict given, in time order (accepted then undone is rejected); undefined when none was. */
  readonly verdict?: Verdict;
  readonly retried: boolean;
  /** The picker's override for this request, when there was one. */
  readonly override?: { readonly from: string; readonly to: string };
}

/** Folds each request's signals (any order) into its verdict, retry and override, by request id. */
export function qualityByRequest(signals: readonly QualitySignal[]): Map<string, RequestQuality> {
  const sorted = [...signals].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const out = new Map<string, RequestQuality>();
  for (const s of sorted) {
    const at = out.get(s.id) ?? { retried: false };
    const verdict = verdictOf(s.signal) ?? at.verdict;
    out.set(s.id, {
      ...(verdict ? { verdict } : {}),
      retried: at.retried || isRetry(s.signal),
      ...(s.from && s.to ? { override: { from: s.from, to: s.to } } : at.override ? { override: at.override } : {}),
    });
  }
  return out;
}
