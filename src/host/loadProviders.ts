// Loads the provider adapters (and with them the three SDKs, most of the bundle) on first use, not at activation.
import type * as ProvidersModule from '../providers/createProvider';

let loaded: typeof ProvidersModule | undefined;

/** The `createProvider` module; esbuild emits it as `dist/providers.js`, required here on first call. */
export function loadProviders(): Promise<typeof ProvidersModule> {
  // A plain require (not import()): the bundle is CommonJS, and esbuild's plugin maps this path to ./providers.js.
  loaded ??= require('../providers/createProvider') as typeof ProvidersModule;
  return Promise.resolve(loaded);
}
