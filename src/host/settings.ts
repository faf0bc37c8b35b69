// Reads every Triage setting in one place into an immutable, validated snapshot; bad values become clear problems.
// No `vscode` import: the host passes `workspace.getConfiguration('triage')`, tests a plain map (test/unit/host/settings.test.ts).
import { validateBudgetSettings } from '../core/budget/budgetSettings';
import { DEFAULT_MEANING_MODEL, DEFAULT_MEANING_THRESHOLD } from '../core/cache/meaningCache';
import { DEFAULT_CACHE_TTL_MINUTES } from '../core/cache/responseCache';
import { DEFAULT_COMPACT_ABOVE_TOKENS } from '../core/conversation/compaction';
import { validateExperiments } from '../core/experiments/experiments';
import { validateHealthSettings, type HealthSettings } from '../core/health/healthSettings';
import type { ClassifierMode } from '../core/classifier/requestClassifier';
import { shippedCatalogue, unknownPoolModels } from '../core/pools/unknownModels';
import { VSCODE_LM_PROVIDER } from '../core/lm/vscodeLmModel';
import { validatePoolsSettings } from '../core/pools/validatePools';
import { validatePricingSettings } from '../core/pricing/validatePricing';
import type { PrivacyMode, RouterSettings } from '../core/router';
import type { ProviderConfig } from '../providers/createProvider';
import { isLoopbackUrl } from '../providers/localUrl';
import { publicApiProviders, validateProviderSettings } from '../providers/providerSettings';

/** Everything Triage is configured to do right now. */
export interface SettingsSnapshot {
  readonly router: RouterSettings;
  readonly providers: readonly ProviderConfig[];
  readonly classifier: {
    readonly mode: ClassifierMode;
    readonly ollamaModel: string;
    readonly timeoutMs: number;
    /** Undefined: the margin tuned with the shipped weights. */
    readonly margin?: number;
  };
  readonly maxOutputTokens: number;
  /** The edit gate's time box in ms (`triage.edit.diagnosticsTimeoutMs`); 0 turns the language-server check off. */
  readonly editDiagnosticsTimeoutMs: number;
  readonly demo: boolean;
  /** Health alert thresholds (`triage.health`). */
  readonly health: HealthSettings;
  /** One sentence per invalid value, each naming its setting. */
  readonly problems: readonly string[];
}

/**
 * The edit gate's default time box. Measured in the e2e suite (code-server, 2 shared cores): the TypeScript server
 * answers for both copies in well under this once warm; a check that runs out only delays the proposal, never hides it.
 */
export const DEFAULT_EDIT_CHECK_TIMEOUT_MS = 1500;

const MODES: readonly ClassifierMode[] = ['embedded', 'ollama', 'auto'];

/** The part of vscode.WorkspaceConfiguration read here: a value by its key below `triage.`, undefined when unset. */
export interface SettingsSource {
  get<T>(key: string): T | undefined;
}

/** Reads and validates the `triage.*` settings from `config`. Never throws. */
export function readSettings(config: SettingsSource): SettingsSnapshot {
  const problems: string[] = [];
  const providers = validateProviderSettings(config.get('providers'));
  problems.push(...providers.problems);
  const ids = {
    // Models other extensions offer through vscode.lm need no entry: `vscode-lm` is always there (and never local).
    known: [...providers.value.map((p) => p.id), VSCODE_LM_PROVIDER],
    local: providers.value.filter((p) => p.kind === 'ollama' && isLoopbackUrl(p.baseUrl)).map((p) => p.id),
  };
  const pools = validatePoolsSettings(
    { pools: config.get('pools'), fallbackModel: config.get('fallbackModel'), models: config.get('models') },
    ids,
  );
  const pricing = validatePricingSettings({ prices: config.get('prices'), baselineModel: config.get('baselineModel') });
  const budget = validateBudgetSettings({
    dailyUsd: config.get('budget.dailyUsd'),
    monthlyUsd: config.get('budget.monthlyUsd'),
    onExceed: config.get('budget.onExceed'),
    warnAtPercent: config.get('budget.warnAtPercent'),
  });
  problems.push(...pools.problems, ...pricing.problems, ...budget.problems);
  // A made-up name under a real provider is named as unknown now, not only as "has no price" after a failed call.
  const catalogue = shippedCatalogue(Object.keys(pricing.value.prices), publicApiProviders(providers.value));
  problems.push(...unknownPoolModels(pools.value, catalogue, 'Triage knows'));

  let mode = config.get<unknown>('classifier.mode') ?? 'embedded';
  if (!MODES.includes(mode as ClassifierMode)) {
    problems.push(`triage.classifier.mode: '${String(mode)}' is not one of ${MODES.join(', ')} — using embedded`);
    mode = 'embedded';
  }
  const ollamaModel = stringSetting(config, 'classifier.ollamaModel', 'qwen2.5:1.5b', problems);
  const timeoutMs = numberSetting(config, 'classifier.timeoutMs', 1500, 100, problems);
  const margin = config.get<unknown>('classifier.underRoutingCost');
  const validMargin = typeof margin === 'number' && Number.isFinite(margin) && margin >= 1 ? margin : undefined;
  if (margin !== undefined && margin !== null && validMargin === undefined) {
    problems.push(`triage.classifier.underRoutingCost: expected a number ≥ 1 — using the tuned default`);
  }
  const demo = config.get<unknown>('demo') === true;
  let privacyMode = config.get<unknown>('privacy.mode') ?? 'local';
  if (privacyMode !== 'local' && privacyMode !== 'redact') {
    problems.push(`triage.privacy.mode: '${String(privacyMode)}' is not one of local, redact — using local`);
    privacyMode = 'local';
  }
  const cacheTtlMinutes = numberSetting(config, 'cache.ttlMinutes', DEFAULT_CACHE_TTL_MINUTES, 0, problems);
  const meaning = meaningSettings(config, problems);
  const compactAboveTokens = numberSetting(config, 'chat.compactAboveTokens', DEFAULT_COMPACT_ABOVE_TOKENS, 0, problems);
  const health = validateHealthSettings(config.get('health'));
  problems.push(...health.problems);
  const experiments = validateExperiments(config.get('experiments'), ids.known);
  problems.push(...experiments.problems);
  return {
    router: { pools: pools.value, pricing: pricing.value, budget: budget.value, classifierMode: mode as string, demo, privacyMode: privacyMode as PrivacyMode, cacheTtlMinutes, ...meaning, compactAboveTokens, experiments: experiments.value },
    providers: providers.value,
    classifier: {
      mode: mode as ClassifierMode,
      ollamaModel,
      timeoutMs,
      ...(validMargin === undefined ? {} : { margin: validMargin }),
    },
    maxOutputTokens: numberSetting(config, 'maxOutputTokens', 2048, 64, problems),
    editDiagnosticsTimeoutMs: numberSetting(config, 'edit.diagnosticsTimeoutMs', DEFAULT_EDIT_CHECK_TIMEOUT_MS, 0, problems),
    demo,
    health: health.value,
    problems,
  };
}

/** `triage.cache.meaning.model` (empty: off) and `.threshold` (a cosine in 0.5–1; below that nearly anything would match). */
function meaningSettings(config: SettingsSource, problems: string[]): { meaningModel: string; meaningThreshold: number } {
  const model = config.get<unknown>('cache.meaning.model');
  let meaningModel = DEFAULT_MEANING_MODEL;
  if (typeof model === 'string') meaningModel = model.trim();
  else if (model !== undefined && model !== null) problems.push(`triage.cache.meaning.model: expected text — using '${DEFAULT_MEANING_MODEL}'`);
  const threshold = config.get<unknown>('cache.meaning.threshold');
  let meaningThreshold = DEFAULT_MEANING_THRESHOLD;
  if (typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0.5 && threshold <= 1) meaningThreshold = threshold;
  else if (threshold !== undefined && threshold !== null) problems.push(`triage.cache.meaning.threshold: expected a number from 0.5 to 1 — using ${DEFAULT_MEANING_THRESHOLD}`);
  return { meaningModel, meaningThreshold };
}

function stringSetting(config: SettingsSource, key: string, fallback: string, problems: string[]): string {
  const value = config.get<unknown>(key);
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  problems.push(`triage.${key}: expected text — using '${fallback}'`);
  return fallback;
}

function numberSetting(config: SettingsSource, key: string, fallback: number, min: number, problems: string[]): number {
  const value = config.get<unknown>(key);
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= min) return Math.round(value);
  problems.push(`triage.${key}: expected a number ≥ ${min} — using ${fallback}`);
  return fallback;
}
