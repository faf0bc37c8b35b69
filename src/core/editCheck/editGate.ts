// The edit quality gate's decisions: a proposal that adds errors is unusable once (escalate), then the better one is shown.

import { newErrors } from './editDiagnostics';
import type { EditCheckReport, EditProblem } from './editDiagnostics';

/** What the check said about one proposal. */
export type EditCheckStatus = 'clean' | 'new-errors' | 'timed-out' | 'unavailable';

/** One proposal's verdict. */
export interface EditVerdict {
  readonly status: EditCheckStatus;
  /** The errors it adds (empty unless `new-errors`). */
  readonly newErrors: readonly EditProblem[];
  /** How long the check took, when it ran. */
  readonly ms?: number;
  /** Why it could not run (`unavailable`), in words for the answer line. */
  readonly reason?: string;
}

/** What the user is told about the check of the proposal on offer (RouteResult.editCheck). */
export interface EditCheckSummary extends EditVerdict {
  /** The model whose proposal added errors and was passed over for this one (the one escalation). */
  readonly escalatedFrom?: string;
  /** Set when both proposals added errors: how many the other one (not shown) added. */
  readonly otherNewErrors?: number;
}

/** Turns the host's report into a verdict. */
export function judgeEdit(report: EditCheckReport): EditVerdict {
  switch (report.kind) {
    case 'timed-out':
      return { status: 'timed-out', newErrors: [], ms: report.ms };
    case 'unavailable':
      return { status: 'unavailable', newErrors: [], reason: report.reason };
    case 'reported': {
      const added = newErrors(report.before, report.after);
      return { status: added.length > 0 ? 'new-errors' : 'clean', newErrors: added, ms: report.ms };
    }
  }
}

/**
 * What the cascade does with a checked proposal, given the one it already passed over (`held`, at most one):
 * - `show`: this proposal is shown (it adds no errors, or its check could not tell, or it is the better of two bad ones);
 * - `escalate`: it adds errors and none was passed over yet, so it is held and the next model is asked (once);
 * - `show-held`: both add errors and the held one adds fewer, so the held one is shown.
 * Between two that add as many errors, the later (the next model's) is shown.
 */
export function gateStep(current: EditVerdict, held: EditVerdict | undefined): 'show' | 'escalate' | 'show-held' {
  if (current.status !== 'new-errors') return 'show';
  if (!held) return 'escalate';
  return held.newErrors.length < current.newErrors.length ? 'show-held' : 'show';
}

/** The summary for the proposal shown: its verdict, and the passed-over one's model and count when there was one. */
export function summarise(shown: EditVerdict, other: { readonly model: string; readonly verdict: EditVerdict } | undefined, shownIsHeld: boolean): EditCheckSummary {
  if (!other) return shown;
  if (shownIsHeld) return { ...shown, otherNewErrors: other.verdict.newErrors.length };
  const both = shown.status === 'new-errors' ? { otherNewErrors: other.verdict.newErrors.length } : {};
  return { ...shown, escalatedFrom: other.model, ...both };
}

/** How many problems are listed in a one-line message before "and N more". */
const LISTED = 3;

/**
 * The answer line's words for the check: "checked: no new errors", "2 new errors: …", "check timed out". With
 * `detailed`, the new problems are listed (line and message, the first few).
 */
export function describeEditCheck(summary: EditCheckSummary, detailed = true): string {
  const passedOver = summary.escalatedFrom ? `; ${summary.escalatedFrom}'s proposal added errors, so the next model was asked` : '';
  switch (summary.status) {
    case 'clean':
      return `checked: no new errors${passedOver}`;
    case 'timed-out':
      return `check timed out${summary.ms === undefined ? '' : ` (${summary.ms} ms)`}${passedOver}`;
    case 'unavailable':
      return `not checked by a language server${summary.reason ? ` (${summary.reason})` : ''}`;
    case 'new-errors': {
      const n = summary.newErrors.length;
      const head = `${n} new error${n === 1 ? '' : 's'}`;
      const other = summary.otherNewErrors === undefined ? '' : ` (the other proposal added ${summary.otherNewErrors})`;
      if (!detailed) return `${head}${other}`;
      const listed = summary.newErrors.slice(0, LISTED).map((p) => `line ${p.line}: ${oneLine(p.message)}`);
      const more = n > LISTED ? `; and ${n - LISTED} more` : '';
      return `${head}${other}: ${listed.join('; ')}${more}`;
    }
  }
}

function oneLine(message: string): string {
  const first = message.split('\n')[0]?.trim() ?? '';
  return first.length > 160 ? `${first.slice(0, 157)}…` : first;
}
