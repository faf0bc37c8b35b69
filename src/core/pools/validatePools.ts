// Turns raw pool settings into a PoolsConfig, reporting each bad entry by setting name and never throwing.

import { VSCODE_LM_PROVIDER, parseVscodeLmModel } from '../lm/vscodeLmModel';
import { POOLS, formatModelRef, isPoolName, parseModelRef } from '../request';
import type { ModelRef, PoolName } from '../request';
import { describeValue, isRecord } from '../validated';
import type { Validated } from '../validated';
import { DEFAULT_FALLBACK_REF, DEFAULT_MODEL_INFO, DEFAULT_POOL_REFS } from './poolsConfig';
import type { ModelInfo, PoolsConfig } from './poolsConfig';

/** Raw values as read from settings: `triage.pools` ({local?, quick?, coding?, reasoning?: string[]}),
 *  `triage.fallbackModel` (string) and `triage.models` ({"provider:model": {contextWindow?, thinking?, tools?, images?}}). */
export interface RawPoolSettings {
  readonly pools?: unknown;
  readonly fallbackModel?: unknown;
  readonly models?: unknown;
}

/** The providers configured right now, so pool entries naming other providers can be reported. */
export interface ProviderIds {
  readonly known: readonly string[];
  /** The subset whose calls stay on this machine; the fallback must be one of them. */
  readonly local: readonly string[];
}

/** Validates pool settings; each pool falls back to its defaults when nothing usable is given. */
export function validatePoolsSettings(raw: RawPoolSettings, providers: ProviderIds): Validated<PoolsConfig> {
  const problems: string[] = [];
  const rawPools = raw.pools ?? {};
  if (!isRecord(rawPools)) problems.push(`triage.pools: expected an object of pool lists, got ${describeValue(rawPools)} — using defaults`);
  const given = isRecord(rawPools) ? rawPools : {};
  for (const key of Object.keys(given)) {
    if (!isPoolName(key)) problems.push(`triage.pools.${key}: not a pool (${POOLS.join(', ')}) — ignored`);
  }
  const pools = {} as Record<PoolName, readonly ModelRef[]>;
  for (const pool of POOLS) pools[pool] = validatePool(pool, given[pool], providers, problems);
  return {
    value: {
      pools,
      fallback: validateFallback(raw.fallbackModel, providers, problems),
      models: withDefaultModelInfo(validateModels(raw.models, problems)),
    },
    problems,
  };
}

function validatePool(pool: PoolName, value: unknown, providers: ProviderIds, problems: string[]): readonly ModelRef[] {
  const setting = `triage.pools.${pool}`;
  const defaults = () => defaultPool(pool, providers);
  if (value === undefined || value === null) return defaults();
  if (!Array.isArray(value)) {
    problems.push(`${setting}: expected a list of provider:model strings, got ${describeValue(value)} — using defaults`);
    return defaults();
  }
  const refs: ModelRef[] = [];
  for (const entry of value) {
    const ref = typeof entry === 'string' ? parseModelRef(entry) : undefined;
    if (!ref) {
      problems.push(`${setting}: ${describeValue(entry)} is not provider:model — ignored`);
      continue;
    }
    if (!providers.known.includes(ref.provider)) {
      problems.push(`${setting}: '${formatModelRef(ref)}' names provider '${ref.provider}', which is not configured — ignored`);
      continue;
    }
    const lmProblem = ref.provider === VSCODE_LM_PROVIDER ? parseVscodeLmModel(ref.model) : undefined;
    if (typeof lmProblem === 'string') {
      problems.push(`${setting}: '${formatModelRef(ref)}': ${lmProblem} — ignored`);
      continue;
    }
    if (!refs.some((r) => formatModelRef(r) === formatModelRef(ref))) refs.push(ref);
  }
  if (value.length > 0 && refs.length === 0) {
    problems.push(`${setting}: no usable model — using defaults`);
    return defaults();
  }
  return refs;
}

function defaultPool(pool: PoolName, providers: ProviderIds): readonly ModelRef[] {
  return DEFAULT_POOL_REFS[pool]
    .map((text) => parseModelRef(text))
    .filter((ref): ref is ModelRef => ref !== undefined && providers.known.includes(ref.provider));
}

function validateFallback(value: unknown, providers: ProviderIds, problems: string[]): ModelRef {
  const fallback = parseModelRef(DEFAULT_FALLBACK_REF) as ModelRef;
  if (value === undefined || value === null || value === '') return fallback;
  const ref = typeof value === 'string' ? parseModelRef(value) : undefined;
  if (!ref) {
    problems.push(`triage.fallbackModel: ${describeValue(value)} is not provider:model — using ${DEFAULT_FALLBACK_REF}`);
    return fallback;
  }
  if (!providers.known.includes(ref.provider)) {
    problems.push(`triage.fallbackModel: provider '${ref.provider}' is not configured — using ${DEFAULT_FALLBACK_REF}`);
    return fallback;
  }
  if (!providers.local.includes(ref.provider)) {
    problems.push(`triage.fallbackModel: '${formatModelRef(ref)}' is not a local model — using ${DEFAULT_FALLBACK_REF}`);
    return fallback;
  }
  return ref;
}

function validateModels(value: unknown, problems: string[]): Readonly<Record<string, ModelInfo>> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    problems.push(`triage.models: expected an object keyed by provider:model, got ${describeValue(value)} — ignored`);
    return {};
  }
  const models: Record<string, ModelInfo> = {};
  for (const [key, info] of Object.entries(value)) {
    const ref = parseModelRef(key);
    if (!ref) {
      problems.push(`triage.models: ${describeValue(key)} is not provider:model — ignored`);
      continue;
    }
    const window = isRecord(info) ? validContextWindow(key, DEFAULT_MODEL_INFO[formatModelRef(ref)]?.contextWindow, info.contextWindow, problems) : undefined;
    const thinking = isRecord(info) ? info.thinking : undefined;
    const tools = isRecord(info) ? info.tools : undefined;
    const images = isRecord(info) ? info.images : undefined;
    const thinkingOk = thinking === undefined || thinking === 'on' || thinking === 'off';
    const flagsOk = (tools === undefined || typeof tools === 'boolean') && (images === undefined || typeof images === 'boolean');
    // A bad window is reported on its own and dropped alone (validContextWindow); other bad facts drop the entry.
    if (!isRecord(info) || !thinkingOk || !flagsOk) {
      problems.push(
        `triage.models.${key}: expected {"contextWindow"?: tokens, "thinking"?: "on" | "off", "tools"?: boolean, "images"?: boolean}, got ${describeValue(info)} — ignored`,
      );
      continue;
    }
    models[formatModelRef(ref)] = {
      ...(window === undefined ? {} : { contextWindow: window }),
      ...(thinking === undefined ? {} : { thinking: thinking as 'on' | 'off' }),
      ...(tools === undefined ? {} : { tools: tools as boolean }),
      ...(images === undefined ? {} : { images: images as boolean }),
    };
  }
  return models;
}

/** Bounds of a believable context window: below 1,024 no prompt fits; the largest models offer ~10 million. */
export const CONTEXT_WINDOW_LIMITS = { min: 1024, max: 10_000_000 } as const;

/**
 * A model's `contextWindow`, or undefined (reported) when it is not a whole number of tokens within
 * CONTEXT_WINDOW_LIMITS. Only the window is dropped: the entry's other facts still apply, and the shipped window (if
 * any) stays, so Ollama is never left at its small default by a typo.
 */
function validContextWindow(key: string, shipped: number | undefined, window: unknown, problems: string[]): number | undefined {
  if (window === undefined) return undefined;
  if (typeof window === 'number' && Number.isInteger(window) && window >= CONTEXT_WINDOW_LIMITS.min && window <= CONTEXT_WINDOW_LIMITS.max) return window;
  const instead = shipped === undefined ? 'no window is assumed' : `using the shipped ${shipped}`;
  problems.push(
    `triage.models.${key}.contextWindow: expected the model's context window as a whole number of tokens from ${CONTEXT_WINDOW_LIMITS.min} to ${CONTEXT_WINDOW_LIMITS.max} (e.g. 32768), got ${describeValue(window)} — ${instead}`,
  );
  return undefined;
}

/** The shipped model facts under the user's, field by field: setting a context window keeps the shipped thinking switch. */
function withDefaultModelInfo(models: Readonly<Record<string, ModelInfo>>): Readonly<Record<string, ModelInfo>> {
  const merged: Record<string, ModelInfo> = { ...DEFAULT_MODEL_INFO };
  for (const [key, info] of Object.entries(models)) merged[key] = { ...DEFAULT_MODEL_INFO[key], ...info };
  return merged;
}
