// The webview document carries the strict CSP of STYLE.md, loads only by nonce and escapes every inserted value.
import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, escapeHtml, webviewDocument } from '../../../src/host/webviewDocument';

const NONCE = 'q2v1Xw0bP3hR8mZkLs4T9A==';
const SOURCE = 'https://*.vscode-cdn.net';

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name!, values.join(' ')];
  }));
}

describe('host/webviewDocument: contentSecurityPolicy', () => {
  it('denies by default and allows scripts only by nonce', () => {
    const csp = directives(contentSecurityPolicy(SOURCE, NONCE));
    assert.equal(csp.get('default-src'), "'none'");
    assert.equal(csp.get('script-src'), `'nonce-${NONCE}'`);
    assert.equal(csp.get('connect-src'), "'none'");
    assert.equal(csp.get('base-uri'), "'none'");
    assert.equal(csp.get('form-action'), "'none'");
    for (const name of ['style-src', 'font-src', 'img-src']) assert.equal(csp.get(name), SOURCE, name);
  });

  it('never allows unsafe-inline, unsafe-eval, data: or wildcards of its own', () => {
    const csp = contentSecurityPolicy(SOURCE, NONCE);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|data:|blob:|\s\*(\s|;|$)/);
  });

  it("accepts code-server's multi-source cspSource with 'self'", () => {
    const csp = directives(contentSecurityPolicy(`'self'  ${SOURCE}`, NONCE));
    assert.equal(csp.get('style-src'), `'self' ${SOURCE}`);
  });

  it('refuses a cspSource or nonce that could inject a directive', () => {
    for (const bad of [`${SOURCE}; script-src *`, `${SOURCE}, x`, "'unsafe-inline'", `${SOURCE}"`, '']) {
      assert.throws(() => contentSecurityPolicy(bad, NONCE), /CSP source/, bad);
    }
    for (const bad of ['short', `${NONCE}' 'unsafe-eval`, 'abc def ghi jkl mno']) {
      assert.throws(() => contentSecurityPolicy(SOURCE, bad), /nonce/, bad);
    }
  });
});

describe('host/webviewDocument: webviewDocument', () => {
  const parts = {
    cspSource: SOURCE,
    nonce: NONCE,
    title: 'Triage <Chat> & "more"',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/chat.js?a=1&b="2"',
    styleUris: ['https://x.vscode-cdn.net/media/webview.css', 'https://x.vscode-cdn.net/media/chat.css'],
  };
  const html = webviewDocument(parts);

  it('puts the CSP meta tag before any resource', () => {
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    assert.ok(meta > 0);
    assert.ok(meta < html.indexOf('<link'));
    assert.ok(meta < html.indexOf('<script'));
    assert.ok(html.includes(`content="${escapeHtml(contentSecurityPolicy(SOURCE, NONCE))}"`));
  });

  it('loads exactly one script, with the nonce, and no inline code or handlers', () => {
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0]!.includes(`nonce="${NONCE}"`));
    assert.ok(html.includes('></script>'), 'the script element is empty');
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /style=/i);
  });

  it('links every stylesheet and escapes inserted values', () => {
    assert.equal((html.match(/<link rel="stylesheet"/g) ?? []).length, 2);
    assert.ok(html.includes('<title>Triage &#60;Chat&#62; &#38; &#34;more&#34;</title>'));
    assert.ok(html.includes('chat.js?a=1&#38;b=&#34;2&#34;"'));
    assert.ok(!html.includes('<Chat>'));
  });

  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
});
