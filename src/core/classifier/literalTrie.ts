// A compact, read-only trie of literal strings over UTF-16 code units, for single-pass multi-literal search.

/** One literal and the number reported when it is found. */
export interface TrieLiteral {
  readonly text: string;
  readonly value: number;
}

interface BuildNode {
  readonly children: Map<number, BuildNode>;
  readonly values: number[];
  id: number;
}

function slotOf(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 16) & mask;
}

/**
 * The literals as a trie in typed arrays: node 0 is the root; `start(code)` and `next(node, code)`
 * step through it (0: no such node) and `valuesOf` lists the values of the literals ending at a node.
 * Walking it from every position of a text finds every occurrence of every literal in
 * O(text length × longest literal), without building strings.
 */
export class LiteralTrie {
  /** Root children for code units below 256; the rest in `wideStart`. */
  private readonly narrowStart = new Uint16Array(256);
  private readonly wideStart = new Map<number, number>();
  /** Edges below the root in an open-addressing table: key `node << 16 | code` (-1: empty) → child. */
  private readonly edgeKey: Int32Array;
  private readonly edgeChild: Uint16Array;
  private readonly edgeMask: number;
  /** Values of node n: `values[valueStart[n] .. valueStart[n + 1])`. */
  private readonly valueStart: Int32Array;
  private readonly values: Int32Array;

  constructor(literals: readonly TrieLiteral[]) {
    const root: BuildNode = { children: new Map(), values: [], id: 0 };
    for (const literal of literals) {
      if (literal.text.length === 0) throw new Error('LiteralTrie: empty literal');
      let node = root;
      for (let k = 0; k < literal.text.length; k++) {
        const code = literal.text.charCodeAt(k);
        let child = node.children.get(code);
        if (!child) node.children.set(code, (child = { children: new Map(), values: [], id: 0 }));
        node = child;
      }
      if (!node.values.includes(literal.value)) node.values.push(literal.value);
    }
    const nodes: BuildNode[] = [root];
    for (let n = 0; n < nodes.length; n++) for (const child of (nodes[n] as BuildNode).children.values()) nodes.push(child);
    if (nodes.length > 0xffff) throw new Error('LiteralTrie: too many nodes');
    nodes.forEach((node, id) => (node.id = id));
    for (const [code, child] of root.children) {
      if (code < 256) this.narrowStart[code] = child.id;
      else this.wideStart.set(code, child.id);
    }
    let slots = 16;
    while (slots < nodes.length * 2) slots *= 2;
    this.edgeMask = slots - 1;
    this.edgeKey = new Int32Array(slots).fill(-1);
    this.edgeChild = new Uint16Array(slots);
    for (const node of nodes) {
      if (node.id === 0) continue;
      for (const [code, child] of node.children) {
        const key = (node.id << 16) | code;
        let slot = slotOf(key, this.edgeMask);
        while (this.edgeKey[slot] !== -1) slot = (slot + 1) & this.edgeMask;
        this.edgeKey[slot] = key;
        this.edgeChild[slot] = child.id;
      }
    }
    this.valueStart = new Int32Array(nodes.length + 1);
    const values: number[] = [];
    nodes.forEach((node, id) => {
      this.valueStart[id] = values.length;
      values.push(...node.values);
    });
    this.valueStart[nodes.length] = values.length;
    this.values = Int32Array.from(values);
  }

  /** The node reached from the root by `code`, or 0. */
  start(code: number): number {
    return code < 256 ? (this.narrowStart[code] as number) : (this.wideStart.get(code) ?? 0);
  }

  /** The node reached from `node` (not the root) by `code`, or 0. */
  next(node: number, code: number): number {
    const key = (node << 16) | code;
    for (let slot = slotOf(key, this.edgeMask); ; slot = (slot + 1) & this.edgeMask) {
      const found = this.edgeKey[slot] as number;
      if (found === key) return this.edgeChild[slot] as number;
      if (found === -1) return 0;
    }
  }

  /** Index of the first value of `node` in `valueAt`; with `valuesEnd`, the values of the literals ending there. */
  valuesStart(node: number): number {
    return this.valueStart[node] as number;
  }

  valuesEnd(node: number): number {
    return this.valueStart[node + 1] as number;
  }

  valueAt(index: number): number {
    return this.values[index] as number;
  }

  /** Sets `present[value]` to 1 for the value of every literal occurring in `text` (other entries are left as they are). */
  markOccurring(text: string, present: Uint8Array): void {
    const n = text.length;
    for (let p = 0; p < n; p++) {
      let node = this.start(text.charCodeAt(p));
      for (let k = p + 1; node !== 0; k++) {
        const end = this.valueStart[node + 1] as number;
        for (let v = this.valueStart[node] as number; v < end; v++) present[this.values[v] as number] = 1;
        if (k >= n) break;
        node = this.next(node, text.charCodeAt(k));
      }
    }
  }
}
