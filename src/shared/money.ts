// Formats integer micro-dollars for people; shared by the status bar and the webviews.

/** `$0.012`, `$1.50`, `$0` — precision grows as amounts shrink, never in scientific notation. */
export function formatMicros(micros: number): string {
  if (!Number.isFinite(micros) || micros === 0) return '$0';
  const dollars = micros / 1_000_000;
  const abs = Math.abs(dollars);
  const digits = abs >= 1 ? 2 : abs >= 0.01 ? 3 : abs >= 0.0001 ? 4 : 6;
  return `${dollars < 0 ? '-' : ''}$${abs.toFixed(digits)}`;
}

/** Shown instead of `$0` for a model another extension offers through VS Code (Copilot's) with no per-request price set. */
export const INCLUDED_LABEL = 'included in your subscription';

/**
 * The cost of a request as people should read it: "price unknown" for a paid model without a price, "included in your
 * subscription" for a `vscode-lm:` model (Copilot bills premium requests, not tokens) whose request cost nothing here —
 * never a fake `$0.00`. (`vscode-lm` is core's VSCODE_LM_PROVIDER; shared imports nothing, a unit test ties the two.)
 */
export function formatServedCost(micros: number, unpriced: boolean, servedBy: string | null | undefined): string {
  if (unpriced) return 'price unknown';
  if (micros === 0 && servedBy?.startsWith('vscode-lm:')) return INCLUDED_LABEL;
  return formatMicros(micros);
}
