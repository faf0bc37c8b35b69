// The text of the copies the editor checks, and the TypeScript server's diagnostics answer read into core's shape.

import type { EditDiagnostic } from './editDiagnostics';

/** Languages the TypeScript server checks (VS Code's built-in typescript-language-features). */
export const TS_LANGUAGES: ReadonlySet<string> = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);

/**
 * The text of a copy to check. TypeScript and JavaScript copies end with `export {}`, which makes each a module: two
 * copies of a script (no import or export) would otherwise share one global scope and report each other's
 * declarations as duplicates. Appended at the end, it moves no line; it is in both copies, so it cancels out.
 */
export function copyText(languageId: string, text: string): string {
  if (!TS_LANGUAGES.has(languageId)) return text;
  return `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}export {};\n`;
}

/**
 * Diagnostics from the TypeScript server's answer to `syntacticDiagnosticsSync` / `semanticDiagnosticsSync` (through
 * the `typescript.tsserverRequest` command): `{ body: [{ text, category, start: { line } , source? }] }`, lines from 1.
 * Undefined when the answer is not that shape (no server, a refused command, a cancelled request).
 */
export function tsServerDiagnostics(response: unknown): EditDiagnostic[] | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const body = (response as { body?: unknown }).body;
  if (!Array.isArray(body)) return undefined;
  const found: EditDiagnostic[] = [];
  for (const item of body) {
    if (typeof item !== 'object' || item === null) continue;
    const { text, category, start, source } = item as { text?: unknown; category?: unknown; start?: { line?: unknown }; source?: unknown };
    if (typeof text !== 'string') continue;
    const line = typeof start?.line === 'number' ? Math.max(0, start.line - 1) : 0;
    found.push({ severity: tsSeverity(category), message: text, line, source: typeof source === 'string' ? source : 'ts' });
  }
  return found;
}

function tsSeverity(category: unknown): EditDiagnostic['severity'] {
  if (category === 'error') return 'error';
  if (category === 'warning') return 'warning';
  if (category === 'suggestion') return 'hint';
  return 'information';
}
