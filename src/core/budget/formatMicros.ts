// Formats micro-dollars inside core's notices (core cannot import shared/): `$0.012`, `$1.50`.

/** Dollars with precision growing as amounts shrink, e.g. `$2.00`, `$0.035`, `$0.000120`. */
export function formatMicrosForNotice(micros: number): string {
  const dollars = micros / 1_000_000;
  const abs = Math.abs(dollars);
  const digits = abs >= 1 || abs === 0 ? 2 : abs >= 0.01 ? 3 : abs >= 0.0001 ? 4 : 6;
  return `${dollars < 0 ? '-' : ''}$${abs.toFixed(digits)}`;
}
