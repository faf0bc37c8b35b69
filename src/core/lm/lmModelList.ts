// The models Triage offers to VS Code's language model API: Triage Auto and one per pool, with limits and capabilities
// taken from the models each one can reach (issue 13, section 2). Plain data; src/host/lm adapts it to vscode.lm.
import type { PoolsConfig } from '../pools/poolsConfig';
import { formatModelRef, POOLS, type ModelRef, type PoolName } from '../request';

/** What a model can take besides text; unknown facts count as "cannot", so nothing is promised that may fail. */
export interface ModelCapabilities {
  readonly toolCalling?: boolean;
  readonly imageInput?: boolean;
}

/** The capability facts `triage.models` holds for a model (`tools`, `images`). */
export function modelCapabilities(config: PoolsConfig): (ref: string) => ModelCapabilities | undefined {
  return (ref) => {
    const info = config.models[ref];
    if (!info) return undefined;
    return { toolCalling: info.tools === true, imageInput: info.images === true };
  };
}

/** One entry in VS Code's model picker, before it becomes a `LanguageModelChatInformation`. */
export interface LmModelEntry {
  /** `auto` or a pool name; the host's model id. */
  readonly id: 'auto' | PoolName;
  readonly name: string;
  readonly family: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly toolCalling: boolean;
  readonly imageInput: boolean;
  /** The `provider:model` refs a request to this entry may reach, in the order they would be tried. */
  readonly reaches: readonly string[];
}

export interface LmModelListOptions {
  /** Per-model capability facts, keyed by `provider:model`. */
  readonly capabilities: (ref: string) => ModelCapabilities | undefined;
  /** Context window assumed for a model with none configured. */
  readonly defaultContextWindow: number;
  /** Output tokens reserved out of the window for the answer. */
  readonly maxOutputTokens: number;
}

/**
 * The five entries. Each advertises the largest window among the models it reaches (the cascade moves a long
 * prompt to a larger-context model) and a capability when at least one of them has it (the capability filter sends
 * such a request only to those).
 */
export function lmModelList(config: PoolsConfig, options: LmModelListOptions): LmModelEntry[] {
  const chain = (pools: readonly PoolName[]): string[] => {
    const refs: ModelRef[] = [...pools.flatMap((p) => config.pools[p]), config.fallback];
    return [...new Set(refs.map(formatModelRef))];
  };
  const entry = (id: LmModelEntry['id'], name: string, reaches: string[]): LmModelEntry => {
    const window = Math.max(...reaches.map((r) => config.models[r]?.contextWindow ?? options.defaultContextWindow));
    const output = Math.min(options.maxOutputTokens, Math.floor(window / 2));
    const has = (k: keyof ModelCapabilities): boolean => reaches.some((r) => options.capabilities(r)?.[k] === true);
    return {
      id,
      name,
      family: id === 'auto' ? 'triage-auto' : `triage-${id}`,
      maxInputTokens: window - output,
      maxOutputTokens: output,
      toolCalling: has('toolCalling'),
      imageInput: has('imageInput'),
      reaches,
    };
  };
  return [
    // Auto may escalate to any pool; its reach is every model (local first, as the cascade's order has it).
    entry('auto', 'Triage Auto', chain(POOLS)),
    ...POOLS.map((pool) => entry(pool, `Triage · ${pool}`, chain([pool]))),
  ];
}
