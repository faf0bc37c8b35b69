// The edit prompt (full replacement of the selection in one fenced block) and the parser for its answer.

import type { FinishReason } from '../ports';
import { estimateTokens } from '../pricing/estimateTokens';
import type { TriageRequest } from '../request';
import { findFencedBlocks, tagMatches } from './fencedCode';
import { fenced } from './promptSpec';
import type { PromptSpec } from './promptSpec';

/** Marks the cursor in the code sent around an insertion point. */
export const CURSOR = '<<CURSOR>>';

/** System prompt for edits. */
export const EDIT_SYSTEM = [
  'You are a careful programmer editing code in the user\'s editor.',
  'You receive an instruction and the selected code.',
  'Reply with the complete replacement for the selected code in exactly one fenced code block tagged with its language, and nothing outside the block.',
  'Keep the selection\'s indentation and style, and change only what the instruction asks.',
  'The block replaces the selection exactly: include no code from outside the selection, and never use placeholders such as "..." for unchanged code.',
  `With no selection, the block holds only the new code to insert where ${CURSOR} marks the cursor, never the code around it.`,
].join('\n');

/** Output cap for an edit: room for twice the selection plus some, within [1024, 8192]. */
export function editOutputTokens(selection: string): number {
  return Math.min(8192, Math.max(1024, estimateTokens(selection) * 2 + 512));
}

/** The prompt for an edit request. */
export function buildEditPrompt(request: TriageRequest): PromptSpec {
  const selection = request.selection ?? '';
  const language = request.languageId ? `Language: ${request.languageId}\n` : '';
  const code = selection === '' ? insertionContext(request) : `Selected code:\n${fenced(selection, request.languageId)}`;
  return {
    system: EDIT_SYSTEM,
    messages: [{ role: 'user', content: `${language}Instruction: ${request.instruction}\n\n${code}` }],
    maxOutputTokens: request.maxOutputTokens ?? editOutputTokens(selection),
  };
}

// With no selection the model writes new code at the cursor; the code around it (sent once, marked) is context only.
function insertionContext(request: TriageRequest): string {
  const note = 'There is no selection: reply with the code to insert at the cursor.';
  const around = request.aroundCursor;
  if (!around || (around.before.trim() === '' && around.after.trim() === '')) return note;
  return `${note}\nCode around the cursor (${CURSOR} marks it; do not repeat this code):\n${fenced(`${around.before}${CURSOR}${around.after}`, request.languageId)}`;
}

/** An edit answer turned into replacement code, or the reason it cannot be used. */
export type EditParse =
  | { readonly ok: true; readonly code: string }
  | { readonly ok: false; readonly outcome: 'no-code-block' | 'truncated' | 'empty' };

/**
 * Pulls the replacement out of an answer: the first closed block whose tag fits the language, else the
 * first closed block, else an unclosed last block when the model stopped normally. A selection ending in a
 * newline keeps it.
 */
export function parseEditAnswer(text: string, request: TriageRequest, finishReason: FinishReason): EditParse {
  if (finishReason === 'length') return { ok: false, outcome: 'truncated' };
  const blocks = findFencedBlocks(text);
  const closed = blocks.filter((b) => b.closed);
  const block = closed.find((b) => tagMatches(b.lang, request.languageId)) ?? closed[0] ?? blocks.find((b) => !b.closed);
  if (!block) return { ok: false, outcome: 'no-code-block' };
  if (block.code.trim() === '') return { ok: false, outcome: 'empty' };
  const keepNewline = (request.selection ?? '').endsWith('\n') && !block.code.endsWith('\n');
  return { ok: true, code: keepNewline ? `${block.code}\n` : block.code };
}
