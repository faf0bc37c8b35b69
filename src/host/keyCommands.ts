// Set API Key / Clear API Key: a provider picker and a password box; the UI only ever shows whether a key is set.
import * as vscode from 'vscode';
import type { TriageServices } from './triageServices';

interface ProviderItem extends vscode.QuickPickItem {
  readonly providerId: string;
}

async function pickProvider(services: TriageServices, title: string, onlyWithKey: boolean): Promise<string | undefined> {
  const items: ProviderItem[] = [];
  for (const p of services.settings.providers) {
    const has = await services.keys.has(p.id);
    if (onlyWithKey && !has) continue;
    items.push({ label: p.id, description: `${p.kind} · ${has ? 'key set' : 'no key'}`, detail: p.baseUrl, providerId: p.id });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Triage: no provider has a key set.');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Provider' }))?.providerId;
}

/** `triage.setApiKey`: the optional argument names the provider (the key itself is always typed). */
export async function setApiKey(services: TriageServices, providerId?: unknown): Promise<void> {
  const id =
    typeof providerId === 'string' && services.settings.providers.some((p) => p.id === providerId)
      ? providerId
      : await pickProvider(services, 'Triage: set an API key', false);
  if (!id) return;
  const key = await vscode.window.showInputBox({
    title: `API key for ${id}`,
    prompt: 'Stored in VS Code SecretStorage on this machine; never in settings, logs or the ledger.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Enter a key, or press Escape to cancel.' : /\s/.test(value.trim()) ? 'A key has no spaces.' : undefined),
  });
  if (key === undefined) return;
  await services.keys.set(id, key.trim());
  void vscode.window.showInformationMessage(`Triage: the API key for ${id} is set.`);
}

/** `triage.clearApiKey`. */
export async function clearApiKey(services: TriageServices, providerId?: unknown): Promise<void> {
  const id = typeof providerId === 'string' ? providerId : await pickProvider(services, 'Triage: clear an API key', true);
  if (!id) return;
  await services.keys.clear(id);
  void vscode.window.showInformationMessage(`Triage: the API key for ${id} is cleared.`);
}
