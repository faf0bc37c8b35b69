// Gives every rendered code block "Copy" and "Insert at cursor" buttons; the host does the clipboard and editor work.
import { button, el } from './dom';

/** What a code block's buttons ask the host to do. */
export interface CodeActions {
  /** `entryId`: the answer the code came from (its quality signal: the answer was used). */
  copyCode(code: string, entryId?: string): void;
  insertCode(code: string, entryId?: string): void;
}

/** Wraps each `pre > code` under `root` with a toolbar; the code is read from the DOM, never re-parsed. */
export function addCodeButtons(doc: Document, root: ParentNode, actions: CodeActions, entryId?: string): void {
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const code = (pre.querySelector('code') ?? pre).textContent ?? '';
    const toolbar = el(doc, 'div', { className: 'code-toolbar' }, [
      button(doc, 'Copy', () => actions.copyCode(code, entryId), { testId: 'copy-code', attrs: { title: 'Copy this code' } }),
      button(doc, 'Insert at cursor', () => actions.insertCode(code, entryId), {
        testId: 'insert-code',
        attrs: { title: 'Insert this code at the cursor in the active editor' },
      }),
    ]);
    const block = el(doc, 'div', { className: 'code-block' });
    pre.replaceWith(block);
    block.append(toolbar, pre);
  }
}
