// Names pool entries whose model a provider does not offer: from the shipped catalogue before any call, and from the
// provider's own model list once it is known. Reports only; routing never waits on or is blocked by it.
import { POOLS } from '../request';
import type { PoolsConfig } from './poolsConfig';

/** Model ids a provider is known to offer, keyed by provider id; providers absent here are not checked. */
export type ModelCatalogue = Readonly<Record<string, readonly string[]>>;

/** Builds the catalogue of providers that talk to their public API as shipped: the models Triage has prices for. */
export function shippedCatalogue(priceKeys: readonly string[], checkedProviders: readonly string[]): ModelCatalogue {
  const out: Record<string, string[]> = {};
  for (const id of checkedProviders) out[id] = [];
  for (const key of priceKeys) {
    const at = key.indexOf(':');
    const provider = key.slice(0, at);
    if (at > 0 && out[provider]) out[provider].push(key.slice(at + 1));
  }
  return out;
}

/** One problem per pool entry (and the fallback) whose provider is in the catalogue but whose model is not. */
export function unknownPoolModels(pools: PoolsConfig, catalogue: ModelCatalogue, source: string): string[] {
  const problems: string[] = [];
  const check = (setting: string, provider: string, model: string): void => {
    const known = catalogue[provider];
    if (!known || known.includes(model)) return;
    const hint = nearest(model, known);
    problems.push(
      `${setting}: '${provider}:${model}' is not a model ${source} for ${provider}` +
        `${hint ? ` — did you mean '${hint}'?` : ''} (it is still tried; check the name)`,
    );
  };
  for (const pool of POOLS) for (const ref of pools.pools[pool]) check(`triage.pools.${pool}`, ref.provider, ref.model);
  check('triage.fallbackModel', pools.fallback.provider, pools.fallback.model);
  return [...new Set(problems)];
}

/** The known id sharing the longest prefix with `model` (at least 4 characters), as a likely intended name. */
function nearest(model: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestLength = 3;
  for (const candidate of known) {
    let n = 0;
    while (n < model.length && n < candidate.length && model[n] === candidate[n]) n++;
    if (n > bestLength) [best, bestLength] = [candidate, n];
  }
  return best;
}

