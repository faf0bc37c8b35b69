// Gives every rendered code block "Copy" and "Insert at cursor" buttons; the host does the clipboard and editor work.
import { button, el } from './dom';

/** What a code block's buttons ask the host to do. */
export interface CodeActions {
  copyCode(code: string): void;
  insertCode(code: string): void;
}

/** Wraps each `pre > code` under `root` with a toolbar; the code is read from the DOM, never re-parsed. */
export function addCodeButtons(doc: Document, root: ParentNode, actions: CodeActions): void {
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const code = (pre.querySelector('code') ?? pre).textContent ?? '';
    const toolbar = el(doc, 'div', { className: 'code-toolbar' }, [
      button(doc, 'Copy', () => actions.copyCode(code), { testId: 'copy-code', attrs: { title: 'Copy this code' } }),
      button(doc, 'Insert at cursor', () => actions.insertCode(code), {
        testId: 'insert-code',
        attrs: { title: 'Insert this code at the cursor in the active editor' },
      }),
    ]);
    const block = el(doc, 'div', { className: 'code-block' });
    pre.replaceWith(block);
    block.append(toolbar, pre);
  }
}
