// Maps review findings (lines relative to the reviewed selection) onto document lines, follows them through edits,
// and decides whether a finding's `fix` is code for its line. Plain data only: no `vscode` import, unit-tested.
import { findFencedBlocks } from '../core/prompts/fencedCode';

/** Columns `[start, end)` within one line. */
export interface LineSpan {
  readonly start: number;
  readonly end: number;
}

/** One text change in document coordinates (0-based lines and characters), as an editor reports it. */
export interface LineChange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly text: string;
}

/**
 * The 0-based document line of a finding's 1-based selection line, clamped into the reviewed lines and the
 * document, so a model that miscounts still points at the reviewed code.
 */
export function findingDocumentLine(findingLine: number, selectionStartLine: number, selectionLineCount: number, documentLineCount: number): number {
  const withinSelection = Math.min(Math.max(1, Math.trunc(findingLine) || 1), Math.max(1, selectionLineCount));
  const line = selectionStartLine + withinSelection - 1;
  return Math.min(Math.max(0, line), Math.max(0, documentLineCount - 1));
}

/** The columns of a line's text without its leading and trailing whitespace; the whole line when it is blank. */
export function nonWhitespaceSpan(lineText: string): LineSpan {
  const start = lineText.search(/\S/);
  if (start < 0) return { start: 0, end: lineText.length };
  return { start, end: lineText.replace(/\s+$/, '').length };
}

/**
 * Where a finding on `line` is after `change`; undefined when the change touched the line's text (the finding
 * may no longer apply). Changes that end at the very start of the line, leaving a line break before it, only move it.
 */
export function lineAfterChange(line: number, change: LineChange): number | undefined {
  const delta = countLineBreaks(change.text) - (change.endLine - change.startLine);
  if (line < change.startLine) return line;
  if (line > change.endLine) return line + delta;
  const endsBeforeLine = line === change.endLine && change.endCharacter === 0;
  const lineStaysIntact = change.text.endsWith('\n') || (change.text === '' && change.startCharacter === 0);
  return endsBeforeLine && lineStaysIntact ? line + delta : undefined;
}

const MAX_FIX_LINES = 20;

/**
 * The new text for `lineText` when `fix` looks like replacement code for that line: a fenced or inline-quoted
 * snippet is unwrapped, re-indented to the line's indentation. Undefined for prose advice, empty or no-op fixes.
 */
export function fixedLineText(lineText: string, fix: string): string | undefined {
  const code = unwrap(fix);
  const lines = code.replace(/\s+$/, '').split(/\r?\n/);
  while (lines.length > 0 && (lines[0] as string).trim() === '') lines.shift();
  if (lines.length === 0 || lines.length > MAX_FIX_LINES) return undefined;
  if (looksLikeProse(lines[0] as string)) return undefined;
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  const common = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => (/^\s*/.exec(l)?.[0] ?? '').length));
  const result = lines.map((l) => (l.trim() === '' ? '' : indent + l.slice(common))).join('\n');
  return result === lineText ? undefined : result;
}

/** The code inside a fenced block or a single inline-code span, else the text as given. */
function unwrap(fix: string): string {
  const block = findFencedBlocks(fix).find((b) => b.closed);
  if (block) return block.code;
  const inline = /^\s*`([^`\n]+)`\s*$/.exec(fix);
  return inline ? (inline[1] as string) : fix;
}

const IMPERATIVE = /^(Use|Consider|Add|Remove|Replace|Change|Avoid|Rename|Check|Validate|Make|Ensure|Should|Prefer|Wrap|Move|Handle|Define|Declare|Extract|Fix|Guard|Call|Pass|Initiali[sz]e|Convert|Return|Delete|Split|Set|Keep|Do|Don't|Never|Always|This|The|It)\s/;
const CODE_MARK = /[;{}()[\]=<>]|\w\.\w|::|->/;
const CODE_START = /^(from|import|return|const|let|var|def|class|if|for|while|else|elif|pass|raise|throw|export|public|private|protected|static|fn|func|package|use|using|#include|yield|await|async|print|break|continue|try|except|catch|finally)\b/;

/** True for a sentence of advice rather than code: markdown quotes, an imperative opening, or plain words. */
export function looksLikeProse(line: string): boolean {
  const text = line.trim();
  if (text === '') return true;
  if (text.includes('`')) return true;
  if (IMPERATIVE.test(text)) return true;
  const words = text.split(/\s+/).length;
  if (/[.!?]$/.test(text) && !/\.\.\.$/.test(text) && words >= 3 && !/[;{}()]/.test(text)) return true;
  if (CODE_MARK.test(text) || CODE_START.test(text)) return false;
  return words >= 3;
}

function countLineBreaks(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '\n') n++;
  return n;
}

/** A quick fix's title: what it fixes, in the finding's own words (its first sentence, at most 70 characters). */
export function quickFixTitle(findingMessage: string): string {
  const sentence = (findingMessage.trim().split(/(?<=[.!?])\s+|\n/)[0] ?? '').replace(/[.!?]+$/, '');
  const short = sentence.length > 70 ? `${sentence.slice(0, 69).trimEnd()}…` : sentence;
  return short ? `Triage: fix “${short}”` : 'Triage: apply the suggested fix';
}
