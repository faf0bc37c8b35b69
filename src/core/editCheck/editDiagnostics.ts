// What the editor's language server said about a document before and after a proposed edit, and which errors are new.

/** One diagnostic as the editor reported it, reduced to what the comparison needs (no editor types). */
export interface EditDiagnostic {
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly message: string;
  /** 0-based line in the document it was reported on. */
  readonly line: number;
  /** Who reported it (`ts`, `eslint`, …), when the editor said. */
  readonly source?: string;
}

/** An error the proposal brings in: its message and 1-based line in the proposed document. */
export interface EditProblem {
  readonly message: string;
  readonly line: number;
}

/**
 * What the host's check of a proposal found. `reported`: the language server's diagnostics of an in-memory copy of the
 * document before and after the edit. `timed-out`: the time box ended before it reported. `unavailable`: no language
 * server could be asked (a language it does not know, a document that could not be opened); the syntax check stands.
 */
export type EditCheckReport =
  | { readonly kind: 'reported'; readonly before: readonly EditDiagnostic[]; readonly after: readonly EditDiagnostic[]; readonly ms: number }
  | { readonly kind: 'timed-out'; readonly ms: number }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Checks one proposed replacement of the request's selection in its document; never throws. */
export interface EditChecker {
  check(replacement: string, signal: AbortSignal): Promise<EditCheckReport>;
}

/**
 * Errors in `after` that `before` did not have. Compared by message and source, never by position: an edit moves the
 * lines below it, and an error that only moved is not new. Each error in `before` cancels one equal error in `after`
 * (a second identical error is new). Warnings and hints are not counted: an unused variable is not a broken edit.
 */
export function newErrors(before: readonly EditDiagnostic[], after: readonly EditDiagnostic[]): EditProblem[] {
  const seen = new Map<string, number>();
  for (const d of before) if (d.severity === 'error') seen.set(keyOf(d), (seen.get(keyOf(d)) ?? 0) + 1);
  const added: EditProblem[] = [];
  for (const d of [...after].sort((a, b) => a.line - b.line)) {
    if (d.severity !== 'error') continue;
    const left = seen.get(keyOf(d)) ?? 0;
    if (left > 0) seen.set(keyOf(d), left - 1);
    else added.push({ message: d.message, line: d.line + 1 });
  }
  return added;
}

function keyOf(d: EditDiagnostic): string {
  return `${d.source ?? ''}\u0000${d.message.trim()}`;
}
