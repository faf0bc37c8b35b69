// Tiny DOM builders for the webviews' own chrome: createElement/createElementNS, text only through text nodes.

/** A child: a node, a string (becomes a text node) or nothing. */
export type Child = Node | string | null | undefined | false;

/** What an element gets besides its children. */
export interface ElementProps {
  readonly className?: string;
  /** Stable `data-testid` for the end-to-end tests. */
  readonly testId?: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly text?: string;
}

function append(doc: Document, parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
}

/** Creates an HTML element; `text` and string children are set as text, never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: ElementProps = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.testId) node.dataset.testid = props.testId;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  if (props.text !== undefined) node.textContent = props.text;
  append(doc, node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with presentation attributes (no inline styles: the CSP forbids them). */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Readonly<Record<string, string | number>> = {},
  children: readonly Child[] = [],
): SVGElementTagNameMap[K] {
  const node = doc.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  append(doc, node, children);
  return node;
}

/** A button whose click runs `onClick`; the listener is attached here, never inline. */
export function button(doc: Document, label: string, onClick: () => void, props: ElementProps = {}): HTMLButtonElement {
  const node = el(doc, 'button', { ...props, text: label, attrs: { type: 'button', ...props.attrs } });
  node.addEventListener('click', onClick);
  return node;
}
