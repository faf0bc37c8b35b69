// API keys in SecretStorage only: read lazily at a provider's first call, never logged, never sent to a webview.
import * as vscode from 'vscode';

const PREFIX = 'triage.apiKey.';

/** The one place that touches keys. Callers learn only whether a key is set, except the provider factory. */
export class ApiKeys implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the provider id whose key was set or cleared (never the key). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) this.changed.fire(e.key.slice(PREFIX.length));
    });
  }

  /** The key for a provider, read from SecretStorage at the moment it is needed. */
  get(providerId: string): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(PREFIX + providerId));
  }

  async has(providerId: string): Promise<boolean> {
    return (await this.get(providerId)) !== undefined;
  }

  async set(providerId: string, key: string): Promise<void> {
    await this.secrets.store(PREFIX + providerId, key);
  }

  async clear(providerId: string): Promise<void> {
    await this.secrets.delete(PREFIX + providerId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
