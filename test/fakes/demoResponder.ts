// A responder for demo mode: answers each prompt kind (edit, review, chat) with a clearly labelled canned reply
// in the format that kind asks for, streamed word by word.

import { EDIT_SYSTEM } from '../../src/core/prompts/editPrompt';
import { findFencedBlocks } from '../../src/core/prompts/fencedCode';
import { fenceFor } from '../../src/core/prompts/promptSpec';
import { REVIEW_SYSTEM } from '../../src/core/prompts/reviewPrompt';
import type { RecordedRequest, Responder, Script } from './script';

/** Rough token count (about four characters a token) for plausible usage numbers. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** How a language writes a one-line comment: before the text, and after it for block-only languages. */
const COMMENT_STYLES: readonly [readonly string[], string, string][] = [
  [['python', 'ruby', 'shellscript', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'powershell', 'elixir', 'julia', 'coffeescript', 'properties', 'ini'], '# ', ''],
  [['sql', 'lua', 'haskell', 'elm', 'ada'], '-- ', ''],
  [['clojure', 'lisp', 'scheme'], ';; ', ''],
  [['latex', 'tex', 'erlang', 'matlab'], '% ', ''],
  [['html', 'xml', 'markdown', 'vue', 'svelte'], '<!-- ', ' -->'],
  [['css'], '/* ', ' */'],
  [['vb', 'vbnet'], "' ", ''],
];
/** Languages with no comment syntax: the demo edit leaves their code as it is. */
const NO_COMMENTS = new Set(['json', 'plaintext']);

/** `text` as a comment in `languageId` (`//` unless known otherwise); undefined when the language has none. */
export function demoComment(text: string, languageId: string | undefined): string | undefined {
  const id = (languageId ?? '').toLowerCase();
  if (NO_COMMENTS.has(id)) return undefined;
  const style = COMMENT_STYLES.find(([ids]) => ids.includes(id));
  return style ? `${style[1]}${text}${style[2]}` : `// ${text}`;
}

/**
 * Builds a responder for one configured provider id (the name a demo answer shows): edit prompts get the selection back with a `[demo]` comment line in a
 * fenced block, review prompts get JSON findings on line 1, anything else a "[demo] …" chat answer naming the
 * provider and model with a small code block. Every reply honours the request's max tokens (one word ≈ one token).
 */
export function demoResponder(providerId: string): Responder {
  return (request: RecordedRequest): Script => {
    const chat = request.chat;
    const system = chat?.system ?? '';
    const lastUser = [...(chat?.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
    const answer = system.includes(EDIT_SYSTEM)
      ? demoEdit(lastUser)
      : system.includes(REVIEW_SYSTEM)
        ? demoReview(lastUser)
        : demoChat(providerId, chat?.model ?? 'unknown', lastUser);
    const words = answer.split(/(?<= )/);
    const limit = chat?.maxTokens ?? words.length;
    const chunks = words.slice(0, limit);
    const prompt = [system, ...(chat?.messages ?? []).map((m) => m.content)].join('\n');
    return {
      chunks,
      usage: { inputTokens: estimateTokens(prompt), outputTokens: chunks.length },
      finish: chunks.length < words.length ? 'length' : 'stop',
    };
  };
}

function demoChat(providerId: string, model: string, lastUser: string): string {
  const quoted = lastUser.replace(/\s+/g, ' ').trim().slice(0, 80);
  return (
    `[demo] ${providerId} model "${model}" would answer here. You asked: "${quoted}". ` +
    'This is a canned reply from the Triage fake server; no model ran and nothing was billed.\n\n' +
    '```ts\n// [demo] a code block, so its copy and insert buttons show\nconst answer = 42;\n```\n'
  );
}

// The edit prompt sends `Language: …`, the instruction and the selection in one fenced block (or says there is none).
function demoEdit(lastUser: string): string {
  const languageId = /^Language: (\S+)$/m.exec(lastUser)?.[1];
  const instruction = /^Instruction: (.*)$/m.exec(lastUser)?.[1]?.trim() ?? '';
  // With no selection the one block is context around the cursor, not code to give back.
  const insert = lastUser.includes('There is no selection');
  const selection = insert ? '' : (findFencedBlocks(lastUser).find((b) => b.closed)?.code ?? '');
  const indent = /^[ \t]*/.exec(selection.split('\n').find((l) => l.trim() !== '') ?? '')?.[0] ?? '';
  const note = demoComment(`[demo] Triage would apply "${instruction.slice(0, 60)}" here; no model ran.`, languageId);
  const code = note === undefined ? selection : selection === '' ? `${indent}${note}` : `${indent}${note}\n${selection}`;
  const fence = fenceFor(code);
  return `${fence}${languageId ?? ''}\n${code}\n${fence}\n`;
}

// The review prompt numbers the code's lines as `N| text`; findings go on line 1, one of them with a quick fix.
function demoReview(lastUser: string): string {
  const firstLine = /^ *1\| (.*)$/m.exec(lastUser)?.[1];
  const languageId = /^Code \(([^)]+)\):$/m.exec(lastUser)?.[1];
  const note = demoComment('[demo] reviewed', languageId);
  const findings: { line: number; severity: string; message: string; fix: string | null }[] = [
    { line: 1, severity: 'info', message: '[demo] Review findings appear here; no model ran and nothing was billed.', fix: null },
  ];
  if (firstLine !== undefined && firstLine.trim() !== '' && note !== undefined) {
    findings.push({
      line: 1,
      severity: 'warning',
      message: '[demo] A finding with a quick fix: applying it adds a demo comment to this line.',
      fix: `${firstLine.replace(/\s+$/, '')} ${note}`,
    });
  }
  return JSON.stringify({ findings, summary: '[demo] A canned review from the Triage fake server; no model ran.' });
}
