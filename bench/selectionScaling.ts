// Selection scaling: the edit check's synchronous tree-sitter parse and the privacy scan, per selection size.
// `npx tsx bench/selectionScaling.ts`; part `selection` of `npm run bench`. PARSE_BUDGET_MS=1e9 shows the uncapped parse.

import * as path from 'node:path';
import { detectSensitive } from '../src/core/classifier/privacy';
import { silentLogger } from '../src/core/ports';
import { TreeSitterParser } from '../src/providers/treeSitterParser';

export interface SelectionScalingRow {
  readonly chars: number;
  readonly parseMs: number;
  readonly checked: boolean;
  readonly privacyScanMs: number;
}

const WASM_DIR = path.resolve(__dirname, '..', 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');

export async function selectionScaling(sizes: readonly number[] = [10_000, 100_000, 1_000_000]): Promise<SelectionScalingRow[]> {
  const budget = process.env.PARSE_BUDGET_MS ? Number(process.env.PARSE_BUDGET_MS) : undefined;
  const parser = new TreeSitterParser(WASM_DIR, silentLogger, budget);
  await parser.countSyntaxErrors('const a = 1;', 'typescript'); // load the grammar outside the timing
  const line = 'export function add(a: number, b: number): number { return a + b; } // sum\n';
  const rows: SelectionScalingRow[] = [];
  for (const chars of sizes) {
    const code = line.repeat(Math.ceil(chars / line.length)).slice(0, chars);
    let started = performance.now();
    const count = await parser.countSyntaxErrors(code, 'typescript');
    const parseMs = performance.now() - started;
    started = performance.now();
    detectSensitive(code);
    rows.push({ chars, parseMs, checked: count !== undefined, privacyScanMs: performance.now() - started });
  }
  return rows;
}

export function selectionScalingLines(rows: readonly SelectionScalingRow[]): string[] {
  return [
    'chars      syntax parse (one sync step)  checked   privacy scan (sync)',
    ...rows.map((r) => `${String(r.chars).padEnd(10)} ${r.parseMs.toFixed(1).padStart(10)} ms              ${String(r.checked).padEnd(9)} ${r.privacyScanMs.toFixed(1).padStart(8)} ms`),
  ];
}

if (require.main === module) {
  void selectionScaling().then((rows) => {
    for (const l of selectionScalingLines(rows)) process.stdout.write(`${l}\n`);
  });
}
