// Single-pass counters over text: lines, whitespace-separated words, Hangul runs, question marks, scripts, numbers.
//
// Each replaces a regex or a split the structural features used to run, and returns exactly what
// that did (test/unit/classifier/fastPaths.test.ts checks them against the originals).

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** True for code points of letters in scripts other than Latin-ASCII, Hangul and CJK (Latin-1 to Ethiopic, Cyrillic, Greek, Arabic, Indic, Thai …). */
function isOtherLetter(code: number): boolean {
  return (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x370 && code <= 0x1fff);
}

/** True for the code units JavaScript's `\s` matches (WhiteSpace and LineTerminator). */
export function isJsWhitespace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** Counts over one prose text, gathered in a single scan for the structural features. */
export interface ProseStats {
  /** Runs of non-whitespace, i.e. `text.split(/\s+/)` without empty parts. */
  readonly words: number;
  /** Runs of Hangul syllables (`/[\uac00-\ud7a3]+/g` matches). */
  readonly hangulRuns: number;
  /** Question marks, ASCII or full-width. */
  readonly questionMarks: number;
  /** The last non-whitespace character is a question mark (`/[?？]\s*$/`). */
  readonly endsWithQuestionMark: boolean;
  /** The text holds an ASCII digit. */
  readonly hasDigit: boolean;
  /** Letters by script class, for script-ratio features. */
  readonly hangul: number;
  readonly cjk: number;
  readonly latin: number;
  readonly other: number;
}

/** Classes of ASCII code units for proseStats: one table read instead of a chain of range tests. */
const SPACE = 1;
const LATIN = 2;
const DIGIT = 3;
const QUESTION = 4;
const ASCII_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const c = String.fromCharCode(code);
  ASCII_CLASS[code] = /\s/.test(c) ? SPACE : /[A-Za-z]/.test(c) ? LATIN : /\d/.test(c) ? DIGIT : c === '?' ? QUESTION : 0;
}

/** Word, Hangul-run, question-mark, digit and script counts of a text, in one pass. */
export function proseStats(text: string): ProseStats {
  let words = 0;
  let hangulRuns = 0;
  let questionMarks = 0;
  let lastNonSpace = -1;
  let hasDigit = false;
  let hangul = 0;
  let cjk = 0;
  let latin = 0;
  let other = 0;
  let inWord = false;
  let inHangul = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      inHangul = false;
      const kind = ASCII_CLASS[code] as number;
      if (kind === SPACE) {
        inWord = false;
        continue;
      }
      if (!inWord) words++;
      inWord = true;
      lastNonSpace = code;
      if (kind === LATIN) latin++;
      else if (kind === DIGIT) hasDigit = true;
      else if (kind === QUESTION) questionMarks++;
      continue;
    }
    const space = isJsWhitespace(code);
    if (!space) {
      if (!inWord) words++;
      lastNonSpace = code;
    }
    inWord = !space;
    const syllable = code >= 0xac00 && code <= 0xd7a3;
    if (syllable && !inHangul) hangulRuns++;
    inHangul = syllable;
    if (syllable) hangul++;
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3040 && code <= 0x30ff)) cjk++;
    else if (code === 0xff1f) questionMarks++;
    else if (isOtherLetter(code)) other++;
  }
  const endsWithQuestionMark = lastNonSpace === 0x3f || lastNonSpace === 0xff1f;
  return { words, hangulRuns, questionMarks, endsWithQuestionMark, hasDigit, hangul, cjk, latin, other };
}

/**
 * The matches of `\d+(?:[.,]\d+)*` in a text (numbers such as `3`, `1,250`, `3.5`): how many,
 * and whether at least three of them differ. A hand-written scanner that stops comparing (and
 * building strings) once three distinct numbers are seen.
 */
export function countNumbers(text: string): { count: number; distinct3plus: boolean } {
  let count = 0;
  let first: string | undefined;
  let second: string | undefined;
  let distinct3plus = false;
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    i++;
    for (;;) {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (i + 1 >= n) break;
      const c = text.charCodeAt(i);
      if ((c === 0x2e || c === 0x2c) && isDigit(text.charCodeAt(i + 1))) i += 2;
      else break;
    }
    count++;
    if (distinct3plus) continue;
    const value = text.slice(start, i);
    if (first === undefined) first = value;
    else if (value !== first) {
      if (second === undefined) second = value;
      else if (value !== second) distinct3plus = true;
    }
  }
  return { count, distinct3plus };
}

/** The first `max` lines of text (`text.split('\n').slice(0, max).join('\n')`, without the arrays). */
export function firstLines(text: string, max: number): string {
  if (max <= 0) return '';
  let end = -1;
  for (let line = 0; line < max; line++) {
    end = text.indexOf('\n', end + 1);
    if (end < 0) return text;
  }
  return text.slice(0, end);
}

/** Number of lines (`split('\n').length`) and of lines that are not blank after `trim()`, in one scan. */
export function lineCounts(text: string): { lines: number; nonBlank: number } {
  // Native indexOf finds the line ends; only each line's leading whitespace is walked in JS (a 1 MB selection took
  // ~12 ms char by char, ~2 ms this way).
  let lines = 1;
  let nonBlank = 0;
  for (let start = 0; ; ) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    let i = start;
    while (i < stop && isJsWhitespace(text.charCodeAt(i))) i++;
    if (i < stop) nonBlank++;
    if (end < 0) break;
    lines++;
    start = end + 1;
  }
  return { lines, nonBlank };
}
