// A fresh jsdom window for the webview tests (jsdom is a devDependency used only here).
import { JSDOM } from 'jsdom';

/** A blank page's window and document. */
export function blankPage(): { window: Window & typeof globalThis; document: Document } {
  const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
  const window = dom.window as unknown as Window & typeof globalThis;
  return { window, document: window.document };
}

/** Every element under `root` with `data-testid="id"`. */
export function byTestId(root: ParentNode, id: string): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
}
