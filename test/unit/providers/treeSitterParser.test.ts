// The tree-sitter CodeParser on the real wasm grammars: error counts for TypeScript, JavaScript, Python and more.

import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { silentLogger } from '../../../src/core/ports';
import { GRAMMARS, RUNTIME_WASM, TreeSitterParser } from '../../../src/providers/treeSitterParser';

const WASM_DIR = path.resolve(__dirname, '..', '..', '..', 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');

describe('TreeSitterParser', function () {
  this.timeout(20_000);
  const parser = new TreeSitterParser(WASM_DIR, silentLogger);

  it('finds no errors in valid TypeScript and some in broken TypeScript', async () => {
    assert.equal(await parser.countSyntaxErrors('function add(a: number, b: number): number {\n  return a + b;\n}\n', 'typescript'), 0);
    assert.ok(((await parser.countSyntaxErrors('function add(a: number, b: number {\n  return a + ;\n', 'typescript')) ?? 0) > 0);
  });

  it('parses TSX with the tsx grammar', async () => {
    assert.equal(await parser.countSyntaxErrors('const App = () => <div className="a">{x}</div>;', 'typescriptreact'), 0);
    assert.ok(((await parser.countSyntaxErrors('const App = () => <div>{x</div>;', 'typescriptreact')) ?? 0) > 0);
  });

  it('handles JavaScript', async () => {
    assert.equal(await parser.countSyntaxErrors('const xs = [1, 2].map((x) => x * 2);', 'javascript'), 0);
    assert.ok(((await parser.countSyntaxErrors('const xs = [1, 2.map((x) => x * 2);', 'javascript')) ?? 0) > 0);
  });

  it('handles Python', async () => {
    assert.equal(await parser.countSyntaxErrors('def f(x):\n    return x + 1\n', 'python'), 0);
    assert.ok(((await parser.countSyntaxErrors('def f(x:\n    return x +\n', 'python')) ?? 0) > 0);
  });

  it('handles Go and Rust', async () => {
    assert.equal(await parser.countSyntaxErrors('package main\nfunc main() { println(1) }\n', 'go'), 0);
    assert.equal(await parser.countSyntaxErrors('fn main() { let x = 1; }', 'rust'), 0);
    assert.ok(((await parser.countSyntaxErrors('fn main() { let x = ; }', 'rust')) ?? 0) > 0);
  });

  it('counts more errors in worse code, which is what the edit check compares', async () => {
    const one = (await parser.countSyntaxErrors('f(;', 'typescript')) ?? 0;
    const three = (await parser.countSyntaxErrors('f(;\ng(;\nh(;', 'typescript')) ?? 0;
    assert.ok(three > one, `${three} > ${one}`);
  });

  it('returns undefined for a language it has no grammar for', async () => {
    assert.equal(await parser.countSyntaxErrors('IDENTIFICATION DIVISION.', 'cobol'), undefined);
  });

  it('returns undefined, without throwing, when the wasm folder is wrong', async () => {
    const broken = new TreeSitterParser(path.join(WASM_DIR, 'missing'), silentLogger);
    assert.equal(await broken.countSyntaxErrors('const x = 1;', 'typescript'), undefined);
  });

  it('names only grammar files the package ships', async () => {
    const { readdirSync } = await import('node:fs');
    const shipped = new Set(readdirSync(WASM_DIR));
    assert.ok(shipped.has(RUNTIME_WASM));
    for (const file of Object.values(GRAMMARS)) assert.ok(shipped.has(file), file);
  });

  it('gives up (check skipped) when the parse outruns its budget, and the next parse starts afresh', async () => {
    let t = 0;
    const slow = new TreeSitterParser(WASM_DIR, silentLogger, 12, () => (t += 5));
    const big = 'const a = 1;\n'.repeat(10_000);
    assert.equal(await slow.countSyntaxErrors(big, 'typescript'), undefined);
    const fast = new TreeSitterParser(WASM_DIR, silentLogger, 12, () => 0);
    assert.equal(await fast.countSyntaxErrors(big, 'typescript'), 0, 'the same input parses when time allows');
    assert.equal(await slow.countSyntaxErrors('const a = 1;\n'.repeat(100), 'typescript'), 0, 'a small input always runs to the end');
    t = 0;
    assert.equal(await slow.countSyntaxErrors('const a = 1;\n'.repeat(1_000), 'typescript'), undefined, '13k chars (25–50 ms here) is cut by the budget too');
    t = -1e9; // plenty of budget again on the slow parser: a fresh parse, not the rest of the cancelled one
    assert.ok(((await slow.countSyntaxErrors('function f( {', 'typescript')) ?? 0) > 0);
  });

});
