// The walkthrough's Check Ollama command: is Ollama answering and with which models.
import * as vscode from 'vscode';
import { loadProviders } from './loadProviders';
import type { TriageServices } from './triageServices';

/** `triage.checkOllama`: lists the local models, or says clearly why Ollama did not answer. */
export async function checkOllama(services: TriageServices): Promise<void> {
  const config = services.settings.providers.find((p) => p.kind === 'ollama');
  if (!config) {
    void vscode.window.showWarningMessage('Triage: no Ollama provider is configured (setting triage.providers).');
    return;
  }
  const { createProvider } = await loadProviders();
  const provider = createProvider({ ...config, timeoutMs: 5000 }, { getApiKey: () => services.keys.get(config.id) });
  const abort = new AbortController();
  try {
    const models = (await provider.listModels?.(abort.signal)) ?? [];
    const wanted = [...new Set([...Object.values(services.settings.router.pools.pools).flat(), services.settings.router.pools.fallback])]
      .filter((r) => r.provider === config.id)
      .map((r) => r.model);
    const missing = wanted.filter((m) => !models.some((have) => have === m || have === `${m}:latest`));
    const list = models.length ? models.join(', ') : 'none';
    const advice = missing.length ? ` Missing for your pools: ${missing.join(', ')} — run \`ollama pull ${missing[0]}\`.` : '';
    void vscode.window.showInformationMessage(`Triage: Ollama at ${config.baseUrl} answers. Models: ${list}.${advice}`);
  } catch (error) {
    const kind = (error as { kind?: string }).kind ?? 'unavailable';
    void vscode.window.showWarningMessage(
      `Triage: Ollama at ${config.baseUrl} did not answer (${kind}). Local requests will fail until it runs: start it with \`ollama serve\`.`,
    );
  }
}
