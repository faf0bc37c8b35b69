// Local-calendar keys for days and months: what "today" and "this month" mean for spend, budgets and ledger files.

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD` of the local day containing `ms`. */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `YYYY-MM` of the local month containing `ms`. */
export function monthKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** Local midnight starting the day `daysBack` days before the one containing `ms`. */
export function startOfDay(ms: number, daysBack = 0): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysBack).getTime();
}

/** Local midnight starting the month containing `ms`. */
export function startOfMonth(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
}

/** The ledger file for the month containing `ms`: `ledger-2026-11.jsonl`. */
export function ledgerFileName(ms: number): string {
  return `ledger-${monthKey(ms)}.jsonl`;
}

/** The `YYYY-MM` of a ledger file name, or undefined for any other file. */
export function ledgerFileMonth(fileName: string): string | undefined {
  return /^ledger-(\d{4}-\d{2})\.jsonl$/.exec(fileName)?.[1];
}
