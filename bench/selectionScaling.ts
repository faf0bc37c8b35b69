// Selection scaling: the edit check's synchronous tree-sitter parse and the privacy scan (whole vs windowed), per size.
// `npx tsx bench/selectionScaling.ts`; part `selection` of `npm run bench`. PARSE_BUDGET_MS=1e9 shows the uncapped parse.

import * as path from 'node:path';
import { detectSensitive } from '../src/core/classifier/privacy';
import { silentLogger } from '../src/core/ports';
import { windowedDetector } from '../src/core/privacyCheck';
import { TreeSitterParser } from '../src/providers/treeSitterParser';

export interface SelectionScalingRow {
  readonly chars: number;
  readonly parseMs: number;
  readonly checked: boolean;
  /** One synchronous scan of the whole selection (what the router did before scanning in windows). */
  readonly privacyScanMs: number;
  /** The router's windowed scan: the longest synchronous step, and the whole scan (pauses included). */
  readonly windowMaxStepMs: number;
  readonly windowTotalMs: number;
}

/** Code with string literals and concatenations: the slowest text for the privacy rules (the concatenation scan runs). */
const STRING_LINE = 'const msg = "Hello, " + name + "!"; log(\'x\', "y"); const token = cfg.token; // see https://example.com\n';

const WASM_DIR = path.resolve(__dirname, '..', 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');

export async function selectionScaling(sizes: readonly number[] = [1_000, 10_000, 100_000, 1_000_000]): Promise<SelectionScalingRow[]> {
  const budget = process.env.PARSE_BUDGET_MS ? Number(process.env.PARSE_BUDGET_MS) : undefined;
  const parser = new TreeSitterParser(WASM_DIR, silentLogger, budget);
  await parser.countSyntaxErrors('const a = 1;', 'typescript'); // load the grammar outside the timing
  detectSensitive(STRING_LINE.repeat(50)); // compile the rules' regexes outside the timing (once per process, ~15 ms)
  const line = 'export function add(a: number, b: number): number { return a + b; } // sum\n';
  const rows: SelectionScalingRow[] = [];
  for (const chars of sizes) {
    const code = line.repeat(Math.ceil(chars / line.length)).slice(0, chars);
    let started = performance.now();
    const count = await parser.countSyntaxErrors(code, 'typescript');
    const parseMs = performance.now() - started;
    const strings = STRING_LINE.repeat(Math.ceil(chars / STRING_LINE.length)).slice(0, chars);
    started = performance.now();
    detectSensitive(strings);
    const privacyScanMs = performance.now() - started;
    let windowMaxStepMs = 0;
    const timed = (text: string) => {
      const t = performance.now();
      const found = detectSensitive(text);
      windowMaxStepMs = Math.max(windowMaxStepMs, performance.now() - t);
      return found;
    };
    started = performance.now();
    await windowedDetector(timed, () => new Promise((resolve) => setImmediate(resolve)))(strings);
    const windowTotalMs = performance.now() - started;
    rows.push({ chars, parseMs, checked: count !== undefined, privacyScanMs, windowMaxStepMs, windowTotalMs });
  }
  return rows;
}

export function selectionScalingLines(rows: readonly SelectionScalingRow[]): string[] {
  return [
    'chars      syntax parse (one sync step)  checked   privacy scan: one sync scan | windowed: max step   total',
    ...rows.map(
      (r) =>
        `${String(r.chars).padEnd(10)} ${r.parseMs.toFixed(1).padStart(10)} ms              ${String(r.checked).padEnd(9)} ${r.privacyScanMs.toFixed(1).padStart(18)} ms | ${r.windowMaxStepMs.toFixed(1).padStart(15)} ms ${r.windowTotalMs.toFixed(1).padStart(7)} ms`,
    ),
  ];
}

if (require.main === module) {
  void selectionScaling().then((rows) => {
    for (const l of selectionScalingLines(rows)) process.stdout.write(`${l}\n`);
  });
}
