// Turns the raw `triage.providers` setting into provider configs, naming each problem and never throwing.
import { describeValue, isRecord, type Validated } from '../core/validated';
import type { ProviderConfig, ProviderKind } from './createProvider';

const KINDS: readonly ProviderKind[] = ['ollama', 'openai', 'anthropic'];
const DEFAULT_TIMEOUT_MS = 120_000;

/** The providers that ship; a user's `triage.providers` entries replace or add to these by id. */
export const DEFAULT_PROVIDERS: readonly ProviderConfig[] = [
  { id: 'ollama', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', timeoutMs: DEFAULT_TIMEOUT_MS },
  { id: 'openai', kind: 'openai', baseUrl: 'https://api.openai.com/v1', timeoutMs: DEFAULT_TIMEOUT_MS },
  { id: 'anthropic', kind: 'anthropic', baseUrl: 'https://api.anthropic.com', timeoutMs: DEFAULT_TIMEOUT_MS },
  { id: 'deepseek', kind: 'openai', baseUrl: 'https://api.deepseek.com', timeoutMs: DEFAULT_TIMEOUT_MS },
];

/** Validates `triage.providers` ({id: {kind, baseUrl, timeoutMs?, queueTimeoutMs?}}); bad entries are reported and left out. */
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
    let timeoutMs = DEFAULT_TIMEOUT_MS;
    if (entry.timeoutMs !== undefined) {
      if (Number.isInteger(entry.timeoutMs) && (entry.timeoutMs as number) >= 1000) timeoutMs = entry.timeoutMs as number;
      else problems.push(`${setting}.timeoutMs: ${describeValue(entry.timeoutMs)} is not a whole number of ms ≥ 1000 — using ${DEFAULT_TIMEOUT_MS}`);
    }
    let queueTimeoutMs: number | undefined;
    if (entry.queueTimeoutMs !== undefined) {
      if (Number.isInteger(entry.queueTimeoutMs) && (entry.queueTimeoutMs as number) >= 1000) queueTimeoutMs = entry.queueTimeoutMs as number;
      else problems.push(`${setting}.queueTimeoutMs: ${describeValue(entry.queueTimeoutMs)} is not a whole number of ms ≥ 1000 — using the default`);
    }
    byId.set(id, { id, kind: entry.kind as ProviderKind, baseUrl, timeoutMs, ...(queueTimeoutMs === undefined ? {} : { queueTimeoutMs }) });
  }
  return { value: [...byId.values()], problems };
}

/** Ids of paid providers still pointed at their shipped public API: their model names can be checked offline. */
export function publicApiProviders(configs: readonly ProviderConfig[]): string[] {
  return configs
    .filter((c) => c.kind !== 'ollama' && DEFAULT_PROVIDERS.some((d) => d.id === c.id && d.kind === c.kind && d.baseUrl === c.baseUrl))
    .map((c) => c.id);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
