// The webviews' HTML document and its Content-Security-Policy, as pure string building (webviewHtml.ts supplies URIs and nonce).

/** What goes into a webview document; every value is escaped on the way in. */
export interface WebviewDocumentParts {
  /** `webview.cspSource`: the only origin styles, fonts and images may come from. */
  readonly cspSource: string;
  /** Base64 nonce, fresh for every document. */
  readonly nonce: string;
  readonly title: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
}

const NONCE = /^[A-Za-z0-9+/]{16,}={0,2}$/;
/**
 * `webview.cspSource`: one or more source expressions (code-server prefixes `'self'`). Each must be
 * `'self'` or a host/scheme source with no quote, `;` or `,` that could end or add a directive.
 */
const CSP_SOURCE = /^(?:'self'|[^\s'";,]+)(?: (?:'self'|[^\s'";,]+))*$/;

/**
 * The strict policy of STYLE.md: nothing by default; scripts only with the nonce; styles, fonts and
 * images only from the webview's own origin; no network, no frames, no forms, no `<base>`.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  const source = cspSource.trim().split(/\s+/).join(' ');
  if (!CSP_SOURCE.test(source)) throw new Error(`Refusing a CSP source with separators: ${JSON.stringify(cspSource)}`);
  if (!NONCE.test(nonce)) throw new Error('A nonce must be at least 16 base64 characters');
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${source}`,
    `font-src ${source}`,
    `img-src ${source}`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The whole document: CSP meta first, stylesheets, an empty body and the one nonce'd script. */
export function webviewDocument(parts: WebviewDocumentParts): string {
  const csp = contentSecurityPolicy(parts.cspSource, parts.nonce);
  const styles = parts.styleUris.map((uri) => `    <link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
    <title>${escapeHtml(parts.title)}</title>
  </head>
  <body>
    <script nonce="${escapeHtml(parts.nonce)}" src="${escapeHtml(parts.scriptUri)}"></script>
  </body>
</html>
`;
}
