// Formats integer micro-dollars for people; shared by the status bar and the webviews.

/** `$0.012`, `$1.50`, `$0` — precision grows as amounts shrink, never in scientific notation. */
export function formatMicros(micros: number): string {
  if (!Number.isFinite(micros) || micros === 0) return '$0';
  const dollars = micros / 1_000_000;
  const abs = Math.abs(dollars);
  const digits = abs >= 1 ? 2 : abs >= 0.01 ? 3 : abs >= 0.0001 ? 4 : 6;
  return `${dollars < 0 ? '-' : ''}$${abs.toFixed(digits)}`;
}
