// Splits a request's text into prose and code and tokenises the prose, language-independently.

/** Prose and code lines of one text, with counts the structural features need. */
export interface TextParts {
  /** Lines read as natural language, in order. */
  readonly prose: string;
  /** Number of non-blank lines read as code. */
  readonly codeLines: number;
  /** Number of non-blank lines in total. */
  readonly lines: number;
  /** True when the text holds a fenced block (```). */
  readonly fenced: boolean;
}

const CODE_START =
  /^\s*(?:def |class |import |from \S+ import|function\b|const |let |var |return\b|if\s*\(|for\s*\(|while\s*\(|public |private |protected |static |#include|using |package |fn |func |async |await |print\(|console\.|System\.|SELECT |INSERT |UPDATE |DELETE FROM|CREATE TABLE|<\/?[a-zA-Z][\w-]*[\s>/]|@\w+|\/\/|\/\*|\*\/|#!|\$ |elif |else:|try:|except|catch\s*\(|end$|}|\)|\])/;
const CODE_END = /(?:[;{}]|\)\s*:|=>|\):)\s*$/;
const CODE_INSIDE = /(?:[=!<>]==?|:=|\+=|-=|=>|->|::|&&|\|\||\w\(\)|\w\[\w*\]|\w\.\w+\()/;
const SYMBOLS = /[{}()[\];=<>*/+\\|&^%$#@~`]/g;

/** Heuristic: does this single line read as source code rather than prose? */
export function isCodeLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length === 0) return false;
  if (CODE_START.test(line) || CODE_END.test(trimmed)) return true;
  const symbols = trimmed.match(SYMBOLS)?.length ?? 0;
  const words = trimmed.split(/\s+/).length;
  if (/^ {4,}|^\t/.test(line) && symbols > 0) return true;
  if (CODE_INSIDE.test(trimmed) && symbols / trimmed.length > 0.06 && words < 14) return true;
  return symbols / trimmed.length > 0.18 && trimmed.length > 6;
}

/** Splits text into prose and code lines; fenced blocks count as code. */
export function splitProseAndCode(text: string): TextParts {
  const prose: string[] = [];
  let codeLines = 0;
  let lines = 0;
  let inFence = false;
  let fenced = false;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('```')) {
      inFence = !inFence;
      fenced = true;
      continue;
    }
    if (trimmed.length === 0) continue;
    lines++;
    if (inFence || isCodeLine(line)) codeLines++;
    else prose.push(trimmed);
  }
  return { prose: prose.join('\n'), codeLines, lines, fenced };
}

const TOKEN = /\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased word tokens of prose; every number becomes `#`. */
export function tokenize(prose: string): string[] {
  const tokens: string[] = [];
  for (const match of prose.toLowerCase().matchAll(TOKEN)) {
    const token = match[0];
    tokens.push(/^\p{N}/u.test(token) ? '#' : token);
  }
  return tokens;
}

/** True for a token written in Hangul, Han, Kana or another script without inflection-by-space. */
export function isCjkToken(token: string): boolean {
  return /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(token);
}

/** Counts characters of a script class in text, for script-ratio features. */
export function scriptCounts(text: string): { hangul: number; cjk: number; latin: number; other: number } {
  let hangul = 0;
  let cjk = 0;
  let latin = 0;
  let other = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xac00 && code <= 0xd7a3) hangul++;
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3040 && code <= 0x30ff)) cjk++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
    else if (code > 0xbf && /\p{L}/u.test(ch)) other++;
  }
  return { hangul, cjk, latin, other };
}
