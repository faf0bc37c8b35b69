// Checks pool entries against the models each provider lists (Ollama /api/tags, OpenAI-compatible and Anthropic
// /v1/models): names the ones a provider does not offer. Reports only; a provider that cannot list is left unchecked.
import type { ProviderLookup } from '../ports';
import { ProviderError } from '../providerError';
import type { PoolsConfig } from './poolsConfig';
import { unknownPoolModels, type ModelCatalogue } from './unknownModels';

/** Runs `onTimeout` after `ms`; returns a cancel. Injected so tests need no real timers. */
export type ScheduleTimeout = (ms: number, onTimeout: () => void) => () => void;

export interface ListedModelsOptions {
  /** Providers to check; the rest (no key yet, demo fakes) are left out. */
  readonly providerIds: readonly string[];
  /** How long one provider may take to list before it is left unchecked. */
  readonly timeoutMs: number;
  readonly scheduleTimeout: ScheduleTimeout;
}

export interface ListedModelsReport {
  /** One line per pool entry whose model its provider does not list. */
  readonly problems: readonly string[];
  /** Providers that could not be checked, with why (missing key, unreachable, timeout, cannot list). */
  readonly unchecked: readonly { readonly providerId: string; readonly reason: string }[];
}

/** The providers named in the pools or the fallback, in first-use order. */
export function providersInPools(pools: PoolsConfig): string[] {
  const refs = [...Object.values(pools.pools).flat(), pools.fallback];
  return [...new Set(refs.map((r) => r.provider))];
}

/** Lists each provider's models (in parallel, each bounded by the timeout) and names the pool entries not listed. */
export async function checkListedModels(pools: PoolsConfig, lookup: ProviderLookup, options: ListedModelsOptions): Promise<ListedModelsReport> {
  const catalogue: Record<string, readonly string[]> = {};
  const unchecked: { providerId: string; reason: string }[] = [];
  await Promise.all(
    options.providerIds.map(async (providerId) => {
      try {
        const listed = await listWithin(lookup, providerId, options);
        if (listed === undefined) unchecked.push({ providerId, reason: 'it cannot list its models' });
        else catalogue[providerId] = withOllamaTags(listed);
      } catch (error) {
        unchecked.push({ providerId, reason: reasonOf(error) });
      }
    }),
  );
  unchecked.sort((a, b) => options.providerIds.indexOf(a.providerId) - options.providerIds.indexOf(b.providerId));
  const problems = unknownPoolModels(pools, catalogue as ModelCatalogue, 'listed by its provider');
  return { problems, unchecked };
}

async function listWithin(lookup: ProviderLookup, providerId: string, options: ListedModelsOptions): Promise<readonly string[] | undefined> {
  const provider = await lookup.get(providerId);
  if (!provider?.listModels) return undefined;
  const abort = new AbortController();
  let cancelTimer = (): void => {};
  const timedOut = new Promise<never>((_, reject) => {
    cancelTimer = options.scheduleTimeout(options.timeoutMs, () => {
      reject(new ProviderError('timeout', `no model list within ${options.timeoutMs} ms`)); // settles the race first
      abort.abort();
    });
  });
  try {
    return await Promise.race([provider.listModels(abort.signal), timedOut]);
  } finally {
    cancelTimer();
  }
}

/** Ollama lists `name:tag`; a pool entry without a tag means `:latest`, so both spellings count as listed. */
function withOllamaTags(listed: readonly string[]): string[] {
  const out = new Set(listed);
  for (const name of listed) if (name.endsWith(':latest')) out.add(name.slice(0, -':latest'.length));
  return [...out];
}

function reasonOf(error: unknown): string {
  if (error instanceof ProviderError) return error.kind === 'auth' ? 'no API key (or it was refused)' : `${error.kind}: ${error.message}`;
  return String(error);
}
