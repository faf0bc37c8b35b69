// The edit proposal's decisions without `vscode`: the proposed text, whether Accept still applies, and its one replacement.

/** What a proposal remembers of the document when its request started (R: the editor's range type). */
export interface ProposalBasis<R> {
  readonly range: R;
  /** The selected text then. */
  readonly original: string;
  /** The document version then; any later change makes the proposal stale. */
  readonly version: number;
  readonly replacement: string;
}

/** The document as it is now; undefined when it is closed for good or deleted. */
export interface DocumentNow<R> {
  readonly version: number;
  getText(range: R): string;
}

/** Accept's decision: apply exactly one replacement (a single undo step), or tell the user it is stale. */
export type AcceptPlan<R> =
  | { readonly kind: 'apply'; readonly edits: readonly [{ readonly range: R; readonly text: string }] }
  | { readonly kind: 'stale'; readonly reason: 'gone' | 'edited' };

/** Whether the proposal may still be applied to `document`, and the replacement that applies it. */
export function acceptPlan<R>(proposal: ProposalBasis<R>, document: DocumentNow<R> | undefined): AcceptPlan<R> {
  if (!document) return { kind: 'stale', reason: 'gone' };
  // The version alone would do; the text check also holds when an undo returns to the same version number's text.
  if (document.version !== proposal.version || document.getText(proposal.range) !== proposal.original) return { kind: 'stale', reason: 'edited' };
  return { kind: 'apply', edits: [{ range: proposal.range, text: proposal.replacement }] };
}

/** The whole document as the diff's right side shows it: `before` with [start, end) replaced. */
export function proposedText(before: string, startOffset: number, endOffset: number, replacement: string): string {
  return before.slice(0, startOffset) + replacement + before.slice(endOffset);
}
