// The review prompt (JSON findings with lines relative to the selection) and the parser that validates the answer.

import type { TriageRequest } from '../request';
import { isRecord } from '../validated';
import type { PromptSpec } from './promptSpec';

/** How serious a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** One review finding; `line` is 1-based within the reviewed selection. */
export interface ReviewFinding {
  readonly line: number;
  readonly severity: Severity;
  readonly message: string;
  /** Suggested replacement code or a short fix, when the model gave one. */
  readonly fix?: string;
}

/** A parsed, validated review. */
export interface Review {
  readonly findings: readonly ReviewFinding[];
  readonly summary: string;
}

/** JSON Schema passed in the ChatCall; every field required (fix nullable) so strict structured output accepts it. */
export const REVIEW_SCHEMA: Readonly<Record<string, unknown>> = {
  type: 'object',
  additionalProperties: false,
  required: ['findings', 'summary'],
  properties: {
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['line', 'severity', 'message', 'fix'],
        properties: {
          line: { type: 'integer', minimum: 1 },
          severity: { type: 'string', enum: ['error', 'warning', 'info'] },
          message: { type: 'string' },
          fix: { type: ['string', 'null'] },
        },
      },
    },
    summary: { type: 'string' },
  },
};

/** System prompt for reviews. */
export const REVIEW_SYSTEM = [
  'You are a senior engineer reviewing a piece of code.',
  'Reply with one JSON object and nothing else, of the form',
  '{"findings":[{"line":<number>,"severity":"error"|"warning"|"info","message":"<what is wrong and why>","fix":"<replacement code or null>"}],"summary":"<one or two sentences>"}.',
  '"line" is the line number shown at the left of the code (1 is the first line of the code shown).',
  'Report real problems only: bugs, security issues, unclear or fragile code. An empty findings list is a fine answer.',
].join('\n');

/** The prompt for a review request; the code is shown with line numbers so findings can point at lines. */
export function buildReviewPrompt(request: TriageRequest): PromptSpec {
  const lines = (request.selection ?? '').replace(/\n$/, '').split('\n');
  const width = String(lines.length).length;
  const numbered = lines.map((line, i) => `${String(i + 1).padStart(width)}| ${line}`).join('\n');
  const language = request.languageId ? ` (${request.languageId})` : '';
  return {
    system: REVIEW_SYSTEM,
    messages: [{ role: 'user', content: `Review request: ${request.instruction}\n\nCode${language}:\n${numbered}` }],
    maxOutputTokens: request.maxOutputTokens ?? 2048,
    jsonSchema: REVIEW_SCHEMA,
  };
}

/** Number of lines in a selection, as the review prompt numbers them. */
export function selectionLineCount(selection: string | undefined): number {
  return (selection ?? '').replace(/\n$/, '').split('\n').length;
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'info'];

/**
 * Parses a review answer: the JSON object (a surrounding ```json fence or prose is tolerated), each finding
 * checked; a line past the end is clamped to the last line. Undefined when the structure is not the one asked for.
 */
export function parseReviewAnswer(text: string, lineCount: number): Review | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !Array.isArray(value.findings) || typeof value.summary !== 'string') return undefined;
  const findings: ReviewFinding[] = [];
  for (const item of value.findings) {
    const finding = parseFinding(item, lineCount);
    if (!finding) return undefined;
    findings.push(finding);
  }
  return { findings, summary: value.summary.trim() };
}

function parseFinding(item: unknown, lineCount: number): ReviewFinding | undefined {
  if (!isRecord(item)) return undefined;
  const { line, severity, message, fix } = item;
  if (typeof line !== 'number' || !Number.isInteger(line) || line < 1) return undefined;
  if (typeof severity !== 'string' || !SEVERITIES.includes(severity.toLowerCase())) return undefined;
  if (typeof message !== 'string' || message.trim() === '') return undefined;
  if (fix !== undefined && fix !== null && typeof fix !== 'string') return undefined;
  return {
    line: Math.min(line, Math.max(1, lineCount)),
    severity: severity.toLowerCase() as Severity,
    message: message.trim(),
    ...(typeof fix === 'string' && fix.trim() !== '' ? { fix } : {}),
  };
}
