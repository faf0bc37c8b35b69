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
/** 1 at the ASCII codes of the symbols that mark code. */
const SYMBOL_CODES = new Uint8Array(128);
for (const c of '{}()[];=<>*/+\\|&^%$#@~`') SYMBOL_CODES[c.charCodeAt(0)] = 1;

function countSymbols(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && SYMBOL_CODES[code] === 1) n++;
  }
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

/**
 * Finds the word tokens of an already lower-cased text without building strings: token t spans
 * `text.slice(starts[t], ends[t])`, except that a number has `starts[t] === -1` and reads as `#`.
 * Stops after `starts.length` tokens; returns how many it found.
 */
export function scanTokens(text: string, starts: Int32Array, ends: Int32Array): number {
  const limit = Math.min(starts.length, ends.length);
  const n = text.length;
  let count = 0;
  let i = 0;
  while (i < n && count < limit) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (isDigit(c) || ((c === 0x2e || c === 0x2c) && i + 1 < n && isDigit(text.charCodeAt(i + 1)))) i++;
        else break;
      }
      starts[count] = -1;
      ends[count++] = -1;
    } else if (isWordChar(code)) {
      const start = i;
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (isWordChar(c)) i++;
        // Past the end counts as a word character (isWordChar(NaN) was true), so a final apostrophe joins the word, as trained.
        else if ((c === 0x27 || c === 0x2019) && (i + 1 >= n || isWordChar(text.charCodeAt(i + 1)))) i += 2;
        else break;
      }
      starts[count] = start;
      ends[count++] = Math.min(i, n);
    } else {
      i++;
    }
  }
  return count;
}

/** Lower-cased word tokens of prose; every number becomes `#`. A hand-written scanner (fast, no regex). */
export function tokenize(prose: string, limit = Infinity): string[] {
  const text = prose.toLowerCase();
  const size = Math.min(limit, text.length);
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  const count = scanTokens(text, starts, ends);
  const tokens: string[] = [];
  for (let t = 0; t < count; t++) tokens.push(starts[t] === -1 ? '#' : text.slice(starts[t], ends[t]));
  return tokens;
}

const CJK = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** No code unit below this belongs to Hangul, Han, Hiragana or Katakana (Hangul Jamo start at U+1100). */
const FIRST_CJK_UNIT = 0x1100;

/** True for a token written in Hangul, Han, Kana or another script without inflection-by-space. */
export function isCjkToken(token: string): boolean {
  return CJK.test(token);
}

/** Per BMP code unit from FIRST_CJK_UNIT on: 0 not yet seen, 1 matches CJK, 2 does not. Filled from CJK itself. */
const cjkUnit = new Uint8Array(0x10000);

/**
 * isCjkToken of `text.slice(start, end)` without building the string: CJK is a one-character class,
 * so it matches the token exactly when it matches one of its characters (surrogate pairs, which it
 * reads as one code point, fall back to the regex).
 */
export function isCjkRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < FIRST_CJK_UNIT) continue;
    if (code >= 0xd800 && code <= 0xdfff) return CJK.test(text.slice(start, end));
    let known = cjkUnit[code] as number;
    if (known === 0) cjkUnit[code] = known = CJK.test(String.fromCharCode(code)) ? 1 : 2;
    if (known === 1) return true;
  }
  return false;
}
