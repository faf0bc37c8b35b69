// Model markdown renders to safe DOM: no scripts, no event handlers, no javascript: links, no remote images.
import * as assert from 'node:assert/strict';
import { createMarkdownRenderer, createSanitizer } from '../../../src/webview/markdown';
import { blankPage } from './testDom';

describe('webview/markdown', () => {
  const { window, document } = blankPage();
  const render = createMarkdownRenderer(window);

  function html(markdown: string): HTMLElement {
    const div = document.createElement('div');
    div.append(render(markdown));
    return div;
  }

  function allAttributes(root: Element): string[] {
    return Array.from(root.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes).map((a) => `${e.tagName.toLowerCase()}[${a.name}=${a.value}]`));
  }

  it('renders ordinary markdown', () => {
    const root = html('# Title\n\nSome **bold** and `code`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    assert.equal(root.querySelector('h1')?.textContent, 'Title');
    assert.equal(root.querySelector('strong')?.textContent, 'bold');
    assert.equal(root.querySelectorAll('li').length, 2);
    assert.equal(root.querySelectorAll('td').length, 2);
  });

  it('shows a <script> tag as text and never as an element', () => {
    const root = html('before <script>alert(1)</script> after\n\n<script>alert(2)</script>');
    assert.equal(root.querySelector('script'), null);
    assert.match(root.textContent ?? '', /<script>alert\(1\)<\/script>/);
  });

  it('does not link javascript:, vbscript: or data: URLs', () => {
    for (const md of ['[x](javascript:alert(1))', '<javascript:alert(1)>', '[x](JaVaScRiPt:alert(1))', '[x](vbscript:msgbox)', '[x](data:text/html;base64,PHNjcmlwdD4=)', '[x][r]\n\n[r]: javascript:alert(1)']) {
      const root = html(md);
      for (const a of Array.from(root.querySelectorAll('a'))) assert.doesNotMatch(a.getAttribute('href') ?? '', /^(javascript|vbscript|data):/i, md);
    }
  });

  it('keeps an <img onerror> as inert text', () => {
    const root = html('<img src=x onerror=alert(1)> and <a href="javascript:alert(1)">y</a>');
    assert.equal(root.querySelector('img'), null);
    assert.equal(root.querySelectorAll('a').length, 0);
    assert.deepEqual(allAttributes(root).filter((a) => /onerror|onclick|javascript/i.test(a)), []);
  });

  it('turns markdown images into links (the CSP blocks remote images anyway)', () => {
    const root = html('![diagram](https://example.com/d.png)');
    assert.equal(root.querySelector('img'), null);
    const link = root.querySelector('a');
    assert.equal(link?.getAttribute('href'), 'https://example.com/d.png');
    assert.equal(link?.textContent, 'diagram');
  });

  it('escapes a crafted image source and alt text', () => {
    const root = html('![a"><script>x</script>](https://e.com/"onmouseover="alert(1))');
    assert.equal(root.querySelector('script'), null);
    assert.deepEqual(allAttributes(root).filter((a) => /onmouseover/.test(a.split('=')[0]!)), []);
  });

  it('keeps http(s) links and marks them noopener', () => {
    const root = html('see https://example.com and [docs](https://example.com/docs "Docs")');
    const links = Array.from(root.querySelectorAll('a'));
    assert.deepEqual(links.map((a) => a.getAttribute('href')), ['https://example.com', 'https://example.com/docs']);
    assert.ok(links.every((a) => a.getAttribute('rel') === 'noopener noreferrer'));
    assert.equal(links[1]!.getAttribute('title'), 'Docs');
  });

  it('keeps code verbatim, with only a language-* class', () => {
    const root = html('```ts onclick=alert(1)\nconst a = "<b>" && 1 < 2;\n```');
    const code = root.querySelector('pre > code');
    assert.equal(code?.textContent, 'const a = "<b>" && 1 < 2;\n');
    assert.equal(code?.getAttribute('class'), 'language-ts');
    assert.equal(root.querySelector('b'), null);
  });

  it('allows no attribute outside href, title, class, start and rel', () => {
    const root = html('1. a\n2. b\n\n3) x\n\n[l](https://e.com "t")\n\n```py\nx\n```\n\n<div style="x" id="y">z</div>');
    const names = new Set(Array.from(root.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes).map((a) => a.name)));
    for (const name of names) assert.ok(['href', 'title', 'class', 'start', 'rel'].includes(name), name);
  });
});

describe('webview/markdown: the sanitiser behind markdown-it', () => {
  const { window, document } = blankPage();
  const sanitize = createSanitizer(window);

  function clean(dirty: string): HTMLElement {
    const div = document.createElement('div');
    div.append(sanitize(dirty));
    return div;
  }

  it('removes <script>, <style>, <iframe> and <svg> payloads', () => {
    const root = clean('<p>a</p><script>alert(1)</script><style>*{}</style><iframe src="https://e.com"></iframe><svg><script>alert(2)</script></svg>');
    assert.equal(root.querySelectorAll('script, style, iframe, svg').length, 0);
    assert.equal(root.querySelector('p')?.textContent, 'a');
  });

  it('removes <img onerror> and every event handler', () => {
    const root = clean('<img src=x onerror="alert(1)"><p onclick="alert(2)" onmouseover="alert(3)">t</p>');
    assert.equal(root.querySelector('img'), null);
    assert.equal(root.querySelector('p')?.attributes.length, 0);
  });

  it('strips javascript: and data: hrefs but keeps https and mailto', () => {
    const root = clean('<a href="javascript:alert(1)">a</a><a href=" jav&#x09;ascript:alert(1)">b</a><a href="data:text/html,x">c</a><a href="https://e.com">d</a><a href="mailto:x@e.com">e</a>');
    const hrefs = Array.from(root.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    assert.deepEqual(hrefs, [null, null, null, 'https://e.com', 'mailto:x@e.com']);
  });

  it('drops a class that is not language-*, and ids and styles', () => {
    const root = clean('<code class="hidden" id="x" style="color:red">a</code><code class="language-rust">b</code>');
    const codes = Array.from(root.querySelectorAll('code'));
    assert.deepEqual(codes.map((c) => c.getAttribute('class')), [null, 'language-rust']);
    assert.equal(codes[0]!.attributes.length, 0);
  });

  it('unwraps tags markdown never makes but keeps their text', () => {
    const root = clean('<form action="https://e.com"><input value="x"><button>go</button></form><div>kept</div>');
    assert.equal(root.querySelectorAll('form, input, button, div').length, 0);
    assert.match(root.textContent ?? '', /go/);
    assert.match(root.textContent ?? '', /kept/);
  });
});
