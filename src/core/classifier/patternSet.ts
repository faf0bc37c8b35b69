// Tests many regexes against one text in a single pass: a trie of their start literals picks where to try each.

import { LiteralTrie } from './literalTrie';
import { startLiterals } from './regexLiterals';

/** Where a start literal may begin: anywhere, only where a `\w` run starts, or only at index 0. */
const ANYWHERE = 1;
const WORD_START = 2;
const INPUT_START = 4;
/** Trie values are `pattern * WHERE_RANGE + where`. */
const WHERE_RANGE = 8;

/** 1 at the ASCII codes of `\w` (letters, digits, underscore). */
const WORD_UNITS = new Uint8Array(128);
for (let code = 0; code < 128; code++) WORD_UNITS[code] = /\w/.test(String.fromCharCode(code)) ? 1 : 0;

/**
 * A fixed list of regexes answering, for a text, which of them match it — exactly what
 * `pattern.test(text)` answers for each, at a fraction of the cost. Every match starts with one
 * of its pattern's start literals (see regexLiterals.ts), so one scan of the text finds the few
 * positions where a match could start, and a sticky copy of the pattern is tried only there.
 * Patterns without usable literals are simply run.
 */
export class PatternSet {
  private readonly trie: LiteralTrie;
  /** Per first code unit below 256: ANYWHERE / WORD_START / INPUT_START bits of the literals starting with it. */
  private readonly narrowWhere = new Uint8Array(256);
  private readonly sticky: readonly RegExp[];
  private readonly unfiltered: readonly number[];
  private readonly triedAt: Int32Array;

  constructor(private readonly patterns: readonly RegExp[]) {
    this.sticky = patterns.map((p) => new RegExp(p.source, `${p.flags.replace(/[gy]/g, '')}y`));
    this.triedAt = new Int32Array(patterns.length);
    const literals: { text: string; value: number }[] = [];
    const unfiltered: number[] = [];
    patterns.forEach((pattern, i) => {
      const found = startLiterals(pattern);
      if (!found) {
        unfiltered.push(i);
        return;
      }
      for (const literal of found) {
        const where = literal.inputStart ? INPUT_START : literal.wordStart ? WORD_START : ANYWHERE;
        literals.push({ text: literal.text, value: i * WHERE_RANGE + where });
        const first = literal.text.charCodeAt(0);
        if (first < 256) this.narrowWhere[first] = (this.narrowWhere[first] as number) | where;
      }
    });
    this.trie = new LiteralTrie(literals);
    this.unfiltered = unfiltered;
  }

  /** Sets `matched[i]` to 1 when pattern i matches somewhere in `text` (as `test` from index 0 would), else 0. */
  test(text: string, matched: Uint8Array): void {
    matched.fill(0, 0, this.patterns.length);
    this.triedAt.fill(-1);
    for (const i of this.unfiltered) {
      const pattern = this.patterns[i] as RegExp;
      pattern.lastIndex = 0;
      if (pattern.test(text)) matched[i] = 1;
    }
    const trie = this.trie;
    const narrowWhere = this.narrowWhere;
    const n = text.length;
    let previousWord = false;
    for (let p = 0; p < n; p++) {
      const code = text.charCodeAt(p);
      const word = code < 128 && WORD_UNITS[code] === 1;
      const wordStart = word && !previousWord;
      previousWord = word;
      const allowed = ANYWHERE | (wordStart ? WORD_START : 0) | (p === 0 ? INPUT_START : 0);
      if (code < 256 && ((narrowWhere[code] as number) & allowed) === 0) continue;
      let node = trie.start(code);
      for (let k = p + 1; node !== 0; k++) {
        if (trie.valuesEnd(node) !== trie.valuesStart(node)) this.tryAt(node, allowed, text, p, matched);
        if (k >= n) break;
        node = trie.next(node, text.charCodeAt(k));
      }
    }
  }

  private tryAt(node: number, allowed: number, text: string, at: number, matched: Uint8Array): void {
    const end = this.trie.valuesEnd(node);
    for (let v = this.trie.valuesStart(node); v < end; v++) {
      const value = this.trie.valueAt(v);
      const i = (value / WHERE_RANGE) | 0;
      if ((value % WHERE_RANGE & allowed) === 0 || matched[i] === 1 || this.triedAt[i] === at) continue;
      this.triedAt[i] = at;
      const sticky = this.sticky[i] as RegExp;
      sticky.lastIndex = at;
      if (sticky.test(text)) matched[i] = 1;
    }
  }
}
