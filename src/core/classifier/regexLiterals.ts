// Derives from a regex the literal strings every match must start with, for a cheap exact prefilter.
//
// Every match of the regex begins with one of the returned literals, so a text position where none of
// them starts cannot start a match (the idea of the `regex` crate's prefix literals and of Hyperscan).
// The analysis is conservative: any construct it does not model (classes of many characters, `.`,
// back-references, flags other than g/y/d) ends a literal early or makes the regex unfilterable.

/** A literal a match can start with, and what else must hold where it starts. */
export interface StartLiteral {
  readonly text: string;
  /** The match starts at a word boundary and `text` starts with a word character: the position starts a `\w` run. */
  readonly wordStart: boolean;
  /** The match starts at `^` (the start of the input; the regex has no `m` flag). */
  readonly inputStart: boolean;
}

type Node =
  | { readonly type: 'chars'; readonly chars: readonly string[] | undefined }
  | { readonly type: 'assert'; readonly kind: 'wordBoundary' | 'inputStart' | 'other' }
  | { readonly type: 'group'; readonly alternatives: readonly (readonly Node[])[] }
  | { readonly type: 'repeat'; readonly node: Node; readonly min: number; readonly max: number };

interface Entry {
  readonly text: string;
  /** More characters may follow `text` in the literal (nothing unknown came after it yet). */
  readonly open: boolean;
  readonly wordBoundary: boolean;
  readonly inputStart: boolean;
}

/** Literal sets bigger than this are not expanded further (the literal ends where it is). */
const MAX_ENTRIES = 256;
/** Character classes with more members than this end a literal. */
const MAX_CLASS = 8;

class Parser {
  private at = 0;

  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.disjunction();
    if (this.at !== this.source.length) throw new Error('unbalanced regex');
    return node;
  }

  private disjunction(): Node {
    const alternatives: Node[][] = [this.alternative()];
    while (this.source[this.at] === '|') {
      this.at++;
      alternatives.push(this.alternative());
    }
    return { type: 'group', alternatives };
  }

  private alternative(): Node[] {
    const terms: Node[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') terms.push(this.quantified(this.atom()));
    return terms;
  }

  private quantified(node: Node): Node {
    const rest = this.source.slice(this.at);
    const brace = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    let min: number;
    let max: number;
    if (rest[0] === '*') [min, max] = [0, Infinity];
    else if (rest[0] === '+') [min, max] = [1, Infinity];
    else if (rest[0] === '?') [min, max] = [0, 1];
    else if (brace) {
      min = Number(brace[1]);
      max = brace[2] === undefined ? min : brace[3] === '' ? Infinity : Number(brace[3]);
    } else return node;
    this.at += brace ? brace[0].length : 1;
    if (this.source[this.at] === '?') this.at++;
    return { type: 'repeat', node, min, max };
  }

  private atom(): Node {
    const c = this.source[this.at++] as string;
    if (c === '^') return { type: 'assert', kind: 'inputStart' };
    if (c === '$') return { type: 'assert', kind: 'other' };
    if (c === '.') return { type: 'chars', chars: undefined };
    if (c === '[') return this.characterClass();
    if (c === '(') return this.group();
    if (c === '\\') return this.escape();
    return { type: 'chars', chars: [c] };
  }

  private group(): Node {
    let lookaround = false;
    if (this.source.startsWith('?:', this.at)) this.at += 2;
    else if (/^\?<?[=!]/.test(this.source.slice(this.at))) {
      lookaround = true;
      this.at += this.source[this.at + 1] === '<' ? 3 : 2;
    } else if (this.source.startsWith('?<', this.at)) this.at = this.source.indexOf('>', this.at) + 1;
    const body = this.disjunction();
    if (this.source[this.at++] !== ')') throw new Error('unbalanced regex');
    return lookaround ? { type: 'assert', kind: 'other' } : body;
  }

  private escape(): Node {
    const c = this.source[this.at++] as string;
    if (c === 'b') return { type: 'assert', kind: 'wordBoundary' };
    if (c === 'B') return { type: 'assert', kind: 'other' };
    const single = CONTROL_ESCAPES[c];
    if (single !== undefined) return { type: 'chars', chars: [single] };
    if (c === 'x' || c === 'u') {
      const char = this.hexEscape(c);
      return { type: 'chars', chars: char === undefined ? undefined : [char] };
    }
    if (/\w/.test(c)) return { type: 'chars', chars: undefined };
    return { type: 'chars', chars: [c] };
  }

  private characterClass(): Node {
    const chars: string[] = [];
    let known = true;
    if (this.source[this.at] === '^') {
      known = false;
      this.at++;
    }
    while (this.at < this.source.length && this.source[this.at] !== ']') {
      const from = this.classAtom();
      if (this.source[this.at] === '-' && this.at + 1 < this.source.length && this.source[this.at + 1] !== ']') {
        this.at++;
        const to = this.classAtom();
        if (from === undefined || to === undefined || to.charCodeAt(0) - from.charCodeAt(0) >= MAX_CLASS) known = false;
        else for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) chars.push(String.fromCharCode(code));
      } else if (from === undefined) known = false;
      else chars.push(from);
    }
    if (this.source[this.at++] !== ']') throw new Error('unbalanced regex');
    return { type: 'chars', chars: known && chars.length > 0 && chars.length <= MAX_CLASS ? chars : undefined };
  }

  /** One member of a character class; undefined for a class escape (`\w`) or one not modelled. */
  private classAtom(): string | undefined {
    const c = this.source[this.at++] as string;
    if (c !== '\\') return c;
    const e = this.source[this.at++] as string;
    if (e === 'b') return '\b';
    const single = CONTROL_ESCAPES[e];
    if (single !== undefined) return single;
    if (e === 'x' || e === 'u') return this.hexEscape(e);
    return /\w/.test(e) ? undefined : e;
  }

  private hexEscape(kind: 'x' | 'u'): string | undefined {
    const digits = kind === 'x' ? 2 : 4;
    const hex = /^[0-9a-fA-F]+/.exec(this.source.slice(this.at, this.at + digits))?.[0] ?? '';
    if (hex.length !== digits) return undefined;
    this.at += digits;
    return String.fromCharCode(parseInt(hex, 16));
  }
}

/** Escapes standing for one character (`\0` is left out: followed by digits it is an octal escape). */
const CONTROL_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };

const closed = (entries: readonly Entry[]): Entry[] => entries.map((e) => ({ ...e, open: false }));

/** The literals the strings matched by `node` can start with. */
function literalsOf(node: Node): Entry[] {
  switch (node.type) {
    case 'chars':
      return node.chars ? node.chars.map((text) => ({ text, open: true, wordBoundary: false, inputStart: false })) : [{ text: '', open: false, wordBoundary: false, inputStart: false }];
    case 'assert':
      return [{ text: '', open: true, wordBoundary: node.kind === 'wordBoundary', inputStart: node.kind === 'inputStart' }];
    case 'group':
      return dedupe(node.alternatives.flatMap((terms) => sequence(terms)));
    case 'repeat': {
      const once = literalsOf(node.node);
      if (node.min === 0 && node.max === 1) return dedupe([{ text: '', open: true, wordBoundary: false, inputStart: false }, ...once]);
      if (node.min === 0) return [{ text: '', open: false, wordBoundary: false, inputStart: false }];
      return node.min === 1 && node.max === 1 ? once : closed(once);
    }
  }
}

/** The literals a sequence of terms can start with: the cross product of its terms while they stay literal. */
function sequence(terms: readonly Node[]): Entry[] {
  let current: Entry[] = [{ text: '', open: true, wordBoundary: false, inputStart: false }];
  for (const term of terms) {
    if (!current.some((e) => e.open)) break;
    const next = literalsOf(term);
    const product: Entry[] = [];
    for (const e of current) {
      if (!e.open) {
        product.push(e);
        continue;
      }
      for (const n of next) {
        const atStart = e.text === '';
        product.push({
          text: e.text + n.text,
          open: n.open,
          wordBoundary: e.wordBoundary || (atStart && n.wordBoundary),
          inputStart: e.inputStart || (atStart && n.inputStart),
        });
      }
    }
    if (product.length > MAX_ENTRIES) return closed(current);
    current = dedupe(product);
  }
  return current;
}

function dedupe(entries: readonly Entry[]): Entry[] {
  const seen = new Map<string, Entry>();
  for (const e of entries) {
    const key = `${e.text}\u0000${e.open}\u0000${e.wordBoundary}\u0000${e.inputStart}`;
    if (!seen.has(key)) seen.set(key, e);
  }
  return [...seen.values()];
}

const WORD_CHAR = /^\w/;

/**
 * The literals every match of `pattern` starts with, or undefined when some match could start
 * with anything (or the regex uses a flag or syntax the analysis does not model).
 */
export function startLiterals(pattern: RegExp): StartLiteral[] | undefined {
  if (/[^gyd]/.test(pattern.flags)) return undefined;
  let entries: Entry[];
  try {
    entries = literalsOf(new Parser(pattern.source).parse());
  } catch {
    return undefined;
  }
  if (entries.some((e) => e.text.length === 0)) return undefined;
  const literals = entries.map((e) => ({ text: e.text, wordStart: e.wordBoundary && WORD_CHAR.test(e.text), inputStart: e.inputStart }));
  const unique = new Map(literals.map((l) => [`${l.text}\u0000${l.wordStart}\u0000${l.inputStart}`, l]));
  return [...unique.values()];
}
