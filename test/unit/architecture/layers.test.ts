// Guards the dependency direction of STYLE.md by reading every import under src/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';

const srcRoot = path.resolve(__dirname, '..', '..', '..', 'src');
const SDKS = ['openai', 'ollama', '@anthropic-ai/sdk'];

/** Which layers each layer may import (besides itself). */
const allowed: Record<string, readonly string[]> = {
  core: [],
  providers: ['core'],
  shared: [],
  host: ['providers', 'core', 'shared'],
  webview: ['shared'],
  cli: ['core', 'providers'],
  '.': ['host'], // src/extension.ts
};

/** Packages a layer may import (relative imports are checked against `allowed`). */
function packageAllowed(layer: string, pkg: string): boolean {
  const isBuiltin = pkg.startsWith('node:') || builtinModules.includes(pkg.split('/')[0]!);
  const isSdk = SDKS.some((s) => pkg === s || pkg.startsWith(`${s}/`));
  switch (layer) {
    case 'core':
    case 'shared':
      return !isBuiltin && !isSdk && pkg !== 'vscode';
    case 'webview':
      return !isBuiltin && !isSdk && pkg !== 'vscode';
    case 'providers':
    case 'cli':
      return pkg !== 'vscode';
    default:
      return true;
  }
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every module specifier a file imports, re-exports or requires. */
export function importsOf(code: string): string[] {
  const specs: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) specs.push(m[1]!);
  return specs;
}

function layerOf(file: string): string {
  const rel = path.relative(srcRoot, file).split(path.sep);
  return rel.length === 1 ? '.' : rel[0]!;
}

describe('architecture: layer imports', () => {
  const files = sourceFiles(srcRoot);

  it('finds the source files', () => {
    assert.ok(files.length > 5, `only ${files.length} files under src/`);
  });

  it('every import follows the dependency direction of STYLE.md', () => {
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      assert.ok(layer in allowed, `${path.relative(srcRoot, file)} is in an unknown layer "${layer}"`);
      for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
        const where = `${path.relative(srcRoot, file)} imports '${spec}'`;
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          if (!target.startsWith(srcRoot + path.sep)) {
            if (!target.startsWith(path.resolve(srcRoot, '..'))) violations.push(`${where} (outside the project)`);
            continue;
          }
          const targetLayer = layerOf(target + '.ts');
          if (targetLayer !== layer && !allowed[layer]!.includes(targetLayer)) violations.push(`${where} (${layer} → ${targetLayer})`);
        } else if (!packageAllowed(layer, spec)) {
          violations.push(`${where} (not allowed in ${layer})`);
        }
      }
    }
    assert.deepEqual(violations, []);
  });

  it('catches a core file importing vscode, an SDK or a Node built-in', () => {
    assert.equal(packageAllowed('core', 'vscode'), false);
    assert.equal(packageAllowed('core', 'openai'), false);
    assert.equal(packageAllowed('core', '@anthropic-ai/sdk/error'), false);
    assert.equal(packageAllowed('core', 'node:fs'), false);
    assert.equal(packageAllowed('core', 'fs'), false);
    assert.equal(packageAllowed('webview', 'vscode'), false);
    assert.deepEqual(importsOf("import type { X } from '../host/y';\nexport { a } from \"./b\";\nconst c = require('fs');"), [
      '../host/y',
      './b',
      'fs',
    ]);
  });
});
