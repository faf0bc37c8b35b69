// Command-line options of `npm run bench`: which parts run (`--only`) and which labelled file the replay serves
// (`--prompts`).

export const PARTS = ['classifier', 'replay', 'editor', 'followups', 'ledger', 'selection', 'stream', 'faults', 'conversations', 'experiment'] as const;
export type Part = (typeof PARTS)[number];

export interface BenchArgs {
  readonly parts: ReadonlySet<Part>;
  /** A labelled JSONL file (the dataset schema) for part 2 to replay instead of the dev set, as given. */
  readonly prompts?: string;
}

function valueOf(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  if (at < 0) return undefined;
  const value = argv[at + 1];
  // A missing value must not silently fall back to the default (a typo would bench the wrong thing).
  if (value === undefined || value.startsWith('--') || value.trim() === '') throw new Error(`${flag} needs a value`);
  return value;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const known = new Set(['--only', '--prompts']);
  const unknown = argv.filter((a, i) => a.startsWith('--') && !known.has(a) && !known.has(argv[i - 1] ?? ''));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(', ')} (bench takes --only PARTS and --prompts FILE)`);
  const only = valueOf(argv, '--only');
  const prompts = valueOf(argv, '--prompts');
  let parts = new Set<Part>(PARTS);
  if (only !== undefined) {
    const names = only.split(',').filter((n) => n !== '');
    const bad = names.filter((n) => !(PARTS as readonly string[]).includes(n));
    if (bad.length > 0 || names.length === 0) throw new Error(`--only takes a comma-separated list of ${PARTS.join(', ')}`);
    parts = new Set(names as Part[]);
  }
  if (prompts !== undefined && !parts.has('replay')) throw new Error('--prompts is for the replay part: leave --only out or include replay');
  return { parts, ...(prompts !== undefined ? { prompts } : {}) };
}
