// Creates each configured provider on first use (never at activation) and rebuilds it when its settings change.
import type { ChatProvider, ProviderLookup } from '../core/ports';
import type { ProviderConfig } from '../providers/createProvider';
import { isLoopbackUrl } from '../providers/localUrl';
import type { ApiKeys } from './apiKeys';
import { loadProviders } from './loadProviders';

/** The router's ProviderLookup over the current settings; keys are read by the adapter at its first call. */
export class ProviderRegistry implements ProviderLookup {
  private readonly cache = new Map<string, { readonly signature: string; readonly provider: ChatProvider }>();

  constructor(
    private readonly configs: () => readonly ProviderConfig[],
    private readonly keys: ApiKeys,
    /** Demo mode: providers on this machine (the fakes) get a placeholder key when none is stored. */
    private readonly demo: () => boolean = () => false,
    /** Providers that need no `triage.providers` entry (`vscode-lm`), built on first use. */
    private readonly builtIn: Readonly<Record<string, () => ChatProvider>> = {},
  ) {}

  async get(providerId: string): Promise<ChatProvider | undefined> {
    const make = Object.hasOwn(this.builtIn, providerId) ? this.builtIn[providerId] : undefined;
    if (make) {
      const built = this.cache.get(providerId) ?? { signature: 'built-in', provider: make() };
      this.cache.set(providerId, built);
      return built.provider;
    }
    const config = this.configs().find((c) => c.id === providerId);
    if (!config) return undefined;
    const signature = JSON.stringify(config);
    const cached = this.cache.get(providerId);
    if (cached?.signature === signature) return cached.provider;
    const { createProvider } = await loadProviders();
    const fresh = this.cache.get(providerId); // another caller may have built it while the module loaded
    if (fresh?.signature === signature) return fresh.provider;
    const provider = createProvider(config, { getApiKey: () => this.keyFor(config) });
    this.cache.set(providerId, { signature, provider });
    return provider;
  }

  private async keyFor(config: ProviderConfig): Promise<string | undefined> {
    const stored = await this.keys.get(config.id);
    if (stored !== undefined || !this.demo()) return stored;
    return isLoopbackUrl(config.baseUrl) ? 'demo-key-for-local-fakes' : undefined;
  }

  /** Drops a provider so its next use builds a fresh client (after its key changed). */
  forget(providerId: string): void {
    this.cache.delete(providerId);
  }
}
