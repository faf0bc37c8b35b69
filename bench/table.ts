// Renders the bench's result tables as aligned Markdown, so the same text reads well in a terminal and in a README.

/** One column: its header and which side its cells hug. */
export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** A titled table of preformatted cells. */
export interface Table {
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly string[])[];
  /** Lines printed under the table (footnotes). */
  readonly notes?: readonly string[];
}

/** The table as Markdown: a `###` title, a pipe table padded to column width, then its notes. */
export function renderTable(table: Table): string {
  const widths = table.columns.map((c, i) => Math.max(c.header.length, 3, ...table.rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number): string => {
    const width = widths[i] as number;
    return table.columns[i]?.align === 'right' ? text.padStart(width) : text.padEnd(width);
  };
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => cell(c, i)).join(' | ')} |`;
  const rule = `|${table.columns.map((c, i) => (c.align === 'right' ? `${'-'.repeat((widths[i] as number) + 1)}:` : '-'.repeat((widths[i] as number) + 2))).join('|')}|`;
  const notes = table.notes && table.notes.length > 0 ? ['', ...table.notes] : [];
  return [`### ${table.title}`, '', line(table.columns.map((c) => c.header)), rule, ...table.rows.map(line), ...notes].join('\n');
}

/** `0.1234` → `12.3%`. */
export function pct(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** A number with fixed decimals. */
export function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

/** Integer micro-dollars as dollars, e.g. `$1.2345`. */
export function dollars(micros: number): string {
  return `$${(micros / 1_000_000).toFixed(4)}`;
}

/** Bytes as KiB or MiB. */
export function bytes(count: number): string {
  if (count >= 1024 * 1024) return `${(count / (1024 * 1024)).toFixed(2)} MiB`;
  return `${(count / 1024).toFixed(1)} KiB`;
}

/** `PASS` or `FAIL`. */
export function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL';
}
