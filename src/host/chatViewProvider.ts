// The chat WebviewView: validates what the view posts, forwards it to the controller, pushes the controller's updates back.
import * as vscode from 'vscode';
import { parseChatViewMessage } from '../shared/protocol';
import type { ChatSnapshot, ChatViewToHost, HostToChatView } from '../shared/protocol';
import { buildWebviewHtml, webviewOptions } from './webviewHtml';

/** The chat's owner of state and actions; the view only shows it. */
export interface ChatController {
  /** The whole chat state, sent when the view (re)loads. */
  snapshot(): ChatSnapshot;
  /** A validated message from the view. */
  handle(message: ChatViewToHost): void | Promise<void>;
  /** Updates to push to the view (dropped while it is hidden: `ready` brings a fresh snapshot). */
  onDidChange(listener: (msg: HostToChatView) => void): vscode.Disposable;
}

/** Resolves the chat view in Triage's activity-bar container. */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewType = 'triage.chatView';

  private view: vscode.WebviewView | undefined;
  private viewSubscriptions: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
    private readonly log: (msg: string) => void = () => undefined,
  ) {
    this.subscriptions = [controller.onDidChange((msg) => this.post(msg))];
  }

  /** Registers a provider for the view; the returned disposable owns both the registration and the provider. */
  static register(extensionUri: vscode.Uri, controller: ChatController, log: (msg: string) => void): vscode.Disposable {
    const provider = new ChatViewProvider(extensionUri, controller, log);
    const registration = vscode.window.registerWebviewViewProvider(ChatViewProvider.viewType, provider, {
      webviewOptions: { retainContextWhenHidden: false },
    });
    return vscode.Disposable.from(registration, provider);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.releaseView();
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = buildWebviewHtml(view.webview, this.extensionUri, { script: 'chat', title: 'Triage Chat' });
    this.viewSubscriptions = [
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      view.onDidDispose(() => {
        if (this.view === view) this.releaseView();
      }),
    ];
  }

  dispose(): void {
    this.releaseView();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private receive(raw: unknown): void {
    const message = parseChatViewMessage(raw);
    if (!message) {
      this.log(`chat view: ignored a malformed message (${describe(raw)})`);
      return;
    }
    if (message.type === 'ready') this.post({ type: 'snapshot', snapshot: this.controller.snapshot() });
    Promise.resolve()
      .then(() => this.controller.handle(message))
      .catch((err: unknown) => this.log(`chat view: handling '${message.type}' failed: ${err instanceof Error ? err.message : String(err)}`));
  }

  private post(message: HostToChatView): void {
    if (!this.view?.visible) return;
    this.view.webview.postMessage(message).then(undefined, (err: unknown) => this.log(`chat view: post failed: ${String(err)}`));
  }

  private releaseView(): void {
    vscode.Disposable.from(...this.viewSubscriptions).dispose();
    this.viewSubscriptions = [];
    this.view = undefined;
  }
}

/** A short, safe description of a rejected message for the log (never its text). */
function describe(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string' ? `type ${JSON.stringify(type.slice(0, 40))}` : 'no type';
}
