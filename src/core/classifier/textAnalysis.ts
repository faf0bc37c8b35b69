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
const SYMBOL_CODES = new Set([...'{}()[];=<>*/+\\|&^%$#@~`'].map((c) => c.charCodeAt(0)));

function countSymbols(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (SYMBOL_CODES.has(text.charCodeAt(i))) n++;
  return n;
}

function countWords(text: string): number {
  let n = 1;
  for (let i = 1; i < text.length; i++) if (text.charCodeAt(i) === 0x20 && text.charCodeAt(i - 1) !== 0x20) n++;
  return n;
}

/** Heuristic: does this single line read as source code rather than prose? */
export function isCodeLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length === 0) return false;
  const symbols = countSymbols(trimmed);
  if (symbols === 0 && !/^\s*(?:def|class|import|from|return|print|elif|else|try|except|end|fn|func|package|using|SELECT|INSERT|UPDATE|DELETE|CREATE)\b/.test(line)) return false;
  if (CODE_START.test(line) || CODE_END.test(trimmed)) return true;
  if (/^ {4,}|^\t/.test(line) && symbols > 0) return true;
  if (CODE_INSIDE.test(trimmed) && symbols / trimmed.length > 0.06 && countWords(trimmed) < 14) return true;
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

/** Letters for tokenising: ASCII letters and any code point from Latin-1 up, except punctuation blocks. */
function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  if (code < 0xc0) return false;
  if (code === 0xd7 || code === 0xf7) return false;
  if (code >= 0x2000 && code <= 0x2bff) return false;
  if (code >= 0x3000 && code <= 0x303f) return false;
  if (code >= 0xff00 && code <= 0xff20) return false;
  return true;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Lower-cased word tokens of prose; every number becomes `#`. A hand-written scanner (fast, no regex). */
export function tokenize(prose: string, limit = Infinity): string[] {
  const text = prose.toLowerCase();
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length && tokens.length < limit) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      i++;
      while (i < text.length && (isDigit(text.charCodeAt(i)) || ((text[i] === '.' || text[i] === ',') && isDigit(text.charCodeAt(i + 1))))) i++;
      tokens.push('#');
    } else if (isWordChar(code)) {
      const start = i;
      i++;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (isWordChar(c)) i++;
        else if ((c === 0x27 || c === 0x2019) && isWordChar(text.charCodeAt(i + 1))) i += 2;
        else break;
      }
      tokens.push(text.slice(start, i));
    } else {
      i++;
    }
  }
  return tokens;
}

/** True for a token written in Hangul, Han, Kana or another script without inflection-by-space. */
export function isCjkToken(token: string): boolean {
  return /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(token);
}

/** True for code points of letters in scripts other than Latin-ASCII, Hangul and CJK (Latin-1 to Ethiopic, Cyrillic, Greek, Arabic, Indic, Thai …). */
function isOtherLetter(code: number): boolean {
  return (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x370 && code <= 0x1fff);
}

/** Counts characters by script class in text, for script-ratio features. */
export function scriptCounts(text: string): { hangul: number; cjk: number; latin: number; other: number } {
  let hangul = 0;
  let cjk = 0;
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
    } else if (code >= 0xac00 && code <= 0xd7a3) hangul++;
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3040 && code <= 0x30ff)) cjk++;
    else if (isOtherLetter(code)) other++;
  }
  return { hangul, cjk, latin, other };
}
