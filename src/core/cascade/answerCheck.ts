// Decides whether a finished answer is usable for its kind: not empty, not a refusal, parseable edit, valid review.

import type { CodeParser, FinishReason } from '../ports';
import { parseEditAnswer } from '../prompts/editPrompt';
import { parseReviewAnswer, selectionLineCount } from '../prompts/reviewPrompt';
import type { Review } from '../prompts/reviewPrompt';
import { streamsLikeChat } from '../request';
import type { ToolCallPart, TriageRequest } from '../request';
import type { ContentOutcome } from './attemptRecord';
import { looksLikeRefusal } from './refusal';

/** A usable answer, shaped by request kind. */
export type AcceptedAnswer =
  | { readonly kind: 'chat'; readonly text: string; readonly toolCalls?: readonly ToolCallPart[] }
  | { readonly kind: 'edit'; readonly text: string; readonly replacement: string }
  | { readonly kind: 'review'; readonly text: string; readonly review: Review };

/** The verdict on one answer. */
export type AnswerCheck = { readonly ok: true; readonly answer: AcceptedAnswer } | { readonly ok: false; readonly outcome: ContentOutcome };

/**
 * Checks an answer before it is shown. An edit is rejected only when its replacement has more syntax
 * errors than the original selection (fragments that never parsed are not held against the model).
 */
export async function checkAnswer(
  request: TriageRequest,
  text: string,
  finishReason: FinishReason,
  parser: CodeParser | undefined,
  toolCalls: readonly ToolCallPart[] = [],
): Promise<AnswerCheck> {
  if (finishReason === 'refusal' || finishReason === 'content-filter') return { ok: false, outcome: 'refusal' };
  if (streamsLikeChat(request.kind) && request.tools?.length) {
    // An answer that calls tools may have no text; one that must call a tool (toolMode required) and does not is unusable.
    if (toolCalls.length > 0) return { ok: true, answer: { kind: 'chat', text, toolCalls } };
    if (request.toolMode === 'required') return { ok: false, outcome: 'no-tool-call' };
  }
  if (text.trim() === '') return { ok: false, outcome: 'empty' };
  switch (request.kind) {
    case 'chat':
    case 'lm':
      return { ok: true, answer: { kind: 'chat', text } };
    case 'review': {
      const review = parseReviewAnswer(text, selectionLineCount(request.selection));
      if (review) return { ok: true, answer: { kind: 'review', text, review } };
      if (looksLikeRefusal(text)) return { ok: false, outcome: 'refusal' };
      return { ok: false, outcome: finishReason === 'length' ? 'truncated' : 'invalid-review' };
    }
    case 'edit': {
      if (looksLikeRefusal(text)) return { ok: false, outcome: 'refusal' };
      const parsed = parseEditAnswer(text, request, finishReason);
      if (!parsed.ok) return { ok: false, outcome: parsed.outcome };
      if (await addsSyntaxErrors(parsed.code, request, parser)) return { ok: false, outcome: 'syntax-error' };
      return { ok: true, answer: { kind: 'edit', text, replacement: parsed.code } };
    }
  }
}

async function addsSyntaxErrors(code: string, request: TriageRequest, parser: CodeParser | undefined): Promise<boolean> {
  if (!parser || !request.languageId) return false;
  try {
    const after = await parser.countSyntaxErrors(code, request.languageId);
    if (after === undefined || after === 0) return false;
    const before = request.selection ? await parser.countSyntaxErrors(request.selection, request.languageId) : 0;
    return after > (before ?? 0);
  } catch {
    return false;
  }
}
