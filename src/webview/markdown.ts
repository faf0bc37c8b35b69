// Renders model markdown to a sanitised DocumentFragment: markdown-it with raw HTML off, then DOMPurify.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import type { WindowLike } from 'dompurify';

/** Turns markdown into DOM nodes that are safe to insert. */
export type MarkdownRenderer = (markdown: string) => DocumentFragment;

/** Exactly the tags markdown-it emits for CommonMark + tables + strikethrough; nothing else survives. */
const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li',
  'em', 'strong', 's', 'code', 'pre', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
const ALLOWED_ATTR = ['href', 'title', 'class', 'start'];
/** Links may leave only for the web or mail; the webview host opens them outside. */
const ALLOWED_URI_REGEXP = /^(?:https?|mailto):/i;

/** Sanitises HTML to a fragment holding only markdown's tags, safe attributes and web/mail links. */
export function createSanitizer(win: WindowLike): (html: string) => DocumentFragment {
  const purify = DOMPurify(win);
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'class' && !/^language-[\w+#.-]{1,40}$/.test(data.attrValue)) data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') node.setAttribute('rel', 'noopener noreferrer');
  });
  return (html) => purify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOWED_URI_REGEXP, RETURN_DOM_FRAGMENT: true });
}

/**
 * Builds a renderer bound to `win` (the webview's window, or a test DOM). Images become links to
 * their source (the CSP would block them anyway); `class` is kept only as `language-*` on code.
 */
export function createMarkdownRenderer(win: WindowLike): MarkdownRenderer {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const src = String(token.attrGet('src') ?? '');
    const alt = self.renderInlineAsText(token.children ?? [], options, env) || src;
    return `<a href="${md.utils.escapeHtml(src)}">${md.utils.escapeHtml(alt)}</a>`;
  };
  const sanitize = createSanitizer(win);
  return (markdown) => sanitize(md.render(markdown));
}
