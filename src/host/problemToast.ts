// What the settings-problems toast says and offers: the first fresh problem, a count of the rest, a way to the setting
// and a way to the log (where every problem is written).
export const OPEN_SETTINGS = 'Open Settings';
export const SHOW_LOG = 'Show Log';

export interface ProblemToast {
  readonly text: string;
  readonly actions: readonly string[];
  /** The setting id the Settings editor is searched for. */
  readonly settingQuery: string;
}

/** The toast for problems not shown before; `fresh` is non-empty. */
export function problemToast(fresh: readonly string[]): ProblemToast {
  const first = fresh[0] ?? '';
  const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more; see the Triage log)` : '';
  return { text: `Triage: ${first}${more}`, actions: [OPEN_SETTINGS, SHOW_LOG], settingQuery: first.split(/[:\s]/)[0] ?? '' };
}
