// Which e2e suites a run takes: all of them, or the UI suites TRIAGE_E2E_SUITE names (to prove each stands alone).

/** What one e2e run on a target runs. */
export interface SuiteSelection {
  /** The extension-host suites (test/e2e/suite) before the UI suites. */
  readonly hostSuites: boolean;
  /** UI suite names (test/e2e/ui/<name>.ui.ts), in the order they run. */
  readonly uiSuites: readonly string[];
}

/**
 * Every suite by default. `TRIAGE_E2E_SUITE=chat` runs only the chat UI suite; `spend,chat` runs those two in that
 * order; the name `host` adds the extension-host suites. An unknown name is an error naming the known ones.
 */
export function selectSuites(all: readonly string[], env: NodeJS.ProcessEnv = process.env): SuiteSelection {
  const wanted = (env.TRIAGE_E2E_SUITE ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (wanted.length === 0) return { hostSuites: true, uiSuites: [...all] };
  const unknown = wanted.filter((w) => w !== 'host' && !all.includes(w));
  if (unknown.length) throw new Error(`TRIAGE_E2E_SUITE: unknown ${unknown.join(', ')} (known: host, ${all.join(', ')})`);
  return { hostSuites: wanted.includes('host'), uiSuites: [...new Set(wanted.filter((w) => w !== 'host'))] };
}
