// Turns the raw `triage.providers` setting into provider configs, naming each problem and never throwing.
import { VSCODE_LM_PROVIDER } from '../core/lm/vscodeLmModel';
import { describeValue, isRecord, type Validated } from '../core/validated';
import type { ProviderConfig, ProviderKind } from './createProvider';
import { CLOUD_TIMEOUTS, LOCAL_TIMEOUTS, timeoutDefaults } from './timeoutDefaults';

const KINDS: readonly ProviderKind[] = ['ollama', 'openai', 'anthropic'];

/** The providers that ship; a user's `triage.providers` entries replace or add to these by id. */
export const DEFAULT_PROVIDERS: readonly ProviderConfig[] = [
  { id: 'ollama', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', timeoutMs: LOCAL_TIMEOUTS.timeoutMs },
  { id: 'openai', kind: 'openai', baseUrl: 'https://api.openai.com/v1', timeoutMs: CLOUD_TIMEOUTS.timeoutMs },
  { id: 'anthropic', kind: 'anthropic', baseUrl: 'https://api.anthropic.com', timeoutMs: CLOUD_TIMEOUTS.timeoutMs },
  { id: 'deepseek', kind: 'openai', baseUrl: 'https://api.deepseek.com', timeoutMs: CLOUD_TIMEOUTS.timeoutMs },
];

/** The optional time limits of an entry: each a whole number of ms ≥ 1000, else reported and left to its default. */
const OPTIONAL_LIMITS = ['queueTimeoutMs', 'firstContentTimeoutMs', 'totalTimeoutMs'] as const;

/** Validates `triage.providers` ({id: {kind, baseUrl, timeoutMs?, queueTimeoutMs?, firstContentTimeoutMs?, totalTimeoutMs?}}); bad entries are reported and left out. */
export function validateProviderSettings(raw: unknown): Validated<readonly ProviderConfig[]> {
  const problems: string[] = [];
  const byId = new Map(DEFAULT_PROVIDERS.map((p) => [p.id, p]));
  if (raw !== undefined && raw !== null && !isRecord(raw)) {
    problems.push(`triage.providers: expected an object keyed by provider id, got ${describeValue(raw)} — using defaults`);
    return { value: [...byId.values()], problems };
  }
  for (const [id, entry] of Object.entries(raw ?? {})) {
    const setting = `triage.providers.${id}`;
    if (!/^[A-Za-z0-9_-]+$/.test(id)) {
      problems.push(`${setting}: a provider id may hold only letters, digits, '-' and '_' — ignored`);
      continue;
    }
    if (id === VSCODE_LM_PROVIDER) {
      problems.push(`${setting}: '${VSCODE_LM_PROVIDER}' is built in (models other extensions offer through VS Code, written ${VSCODE_LM_PROVIDER}:<vendor>/<family> in triage.pools) — ignored`);
      continue;
    }
    if (entry === null) {
      byId.delete(id); // lets a user remove a shipped provider
      continue;
    }
    if (!isRecord(entry) || !KINDS.includes(entry.kind as ProviderKind)) {
      problems.push(`${setting}: expected {"kind": "ollama" | "openai" | "anthropic", "baseUrl": "…"}, got ${describeValue(entry)} — ignored`);
      continue;
    }
    if (entry.baseUrl === undefined) {
      problems.push(`${setting}: "baseUrl" is missing — a provider of kind "${String(entry.kind)}" needs the http(s) URL of its API; ignored`);
      continue;
    }
    const baseUrl = typeof entry.baseUrl === 'string' ? entry.baseUrl.trim() : '';
    if (!isHttpUrl(baseUrl)) {
      problems.push(`${setting}.baseUrl: ${describeValue(entry.baseUrl)} is not an http(s) URL — ignored`);
      continue;
    }
    const defaultTimeoutMs = timeoutDefaults(String(entry.kind), baseUrl).timeoutMs;
    let timeoutMs = defaultTimeoutMs;
    if (entry.timeoutMs !== undefined) {
      if (isWholeMs(entry.timeoutMs)) timeoutMs = entry.timeoutMs;
      else problems.push(`${setting}.timeoutMs: ${describeValue(entry.timeoutMs)} is not a whole number of ms ≥ 1000 — using ${defaultTimeoutMs}`);
    }
    const limits: Partial<Record<(typeof OPTIONAL_LIMITS)[number], number>> = {};
    for (const name of OPTIONAL_LIMITS) {
      const value = entry[name];
      if (value === undefined) continue;
      if (isWholeMs(value)) limits[name] = value;
      else problems.push(`${setting}.${name}: ${describeValue(value)} is not a whole number of ms ≥ 1000 — using the default`);
    }
    byId.set(id, { id, kind: entry.kind as ProviderKind, baseUrl, timeoutMs, ...limits });
  }
  return { value: [...byId.values()], problems };
}

/** Ids of paid providers still pointed at their shipped public API: their model names can be checked offline. */
export function publicApiProviders(configs: readonly ProviderConfig[]): string[] {
  return configs
    .filter((c) => c.kind !== 'ollama' && DEFAULT_PROVIDERS.some((d) => d.id === c.id && d.kind === c.kind && d.baseUrl === c.baseUrl))
    .map((c) => c.id);
}

function isWholeMs(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1000;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
