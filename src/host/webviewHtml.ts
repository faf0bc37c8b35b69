// The one HTML builder for Triage's webviews: fresh nonce, resource URIs, strict CSP (see webviewDocument.ts).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewDocument } from './webviewDocument';

/** Which webview bundle a document loads (`dist/webview/<script>.js`, `media/<script>.css`). */
export type WebviewScript = 'chat' | 'spend';

/** The only folders a webview may load from: static media and the webview bundles. */
export function webviewResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')];
}

/** Options for every Triage webview: scripts on, no forms or command links, local roots only. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableForms: false, enableCommandUris: false, localResourceRoots: webviewResourceRoots(extensionUri) };
}

/** Builds the document for `opts.script`; call once per (re)load — each call has a new nonce. */
export function buildWebviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, opts: { script: WebviewScript; title: string }): string {
  const asUri = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
  return webviewDocument({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    title: opts.title,
    scriptUri: asUri('dist', 'webview', `${opts.script}.js`),
    styleUris: [asUri('media', 'webview.css'), asUri('media', `${opts.script}.css`)],
  });
}
