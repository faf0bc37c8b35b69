// Every command id registered in code is declared in package.json, and every declared one is registered.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandIds } from '../../../src/host/commandIds';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function hostFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? hostFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('architecture: command ids', () => {
  const declared = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
  const inCode = new Set<string>(Object.values(CommandIds));

  it('declares every command id the code knows', () => {
    assert.deepEqual([...inCode].filter((id) => !declared.has(id)), []);
  });

  it('knows every command id package.json declares', () => {
    assert.deepEqual([...declared].filter((id) => !inCode.has(id)), []);
  });

  it('registers commands only through CommandIds, never a string literal', () => {
    const offenders = hostFiles(path.join(root, 'src', 'host')).filter((f) =>
      /registerCommand\(\s*['"`]/.test(fs.readFileSync(f, 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });

  it('names every command triage.verbNoun', () => {
    for (const id of declared) assert.match(id, /^triage\.[a-z]+[A-Z][A-Za-z]*$/);
  });

  it('uses only command ids in menus and keybindings that are declared', () => {
    const used: string[] = [
      ...Object.values<{ command: string }[]>(manifest.contributes.menus ?? {}).flat().map((m) => m.command),
      ...(manifest.contributes.keybindings ?? []).map((k: { command: string }) => k.command),
    ];
    assert.deepEqual(used.filter((id) => id.startsWith('triage.') && !declared.has(id)), []);
  });
});

describe('architecture: Edit without a selection', () => {
  it('Edit is offered (menu, palette, Ctrl+Alt+E) without a selection, since it then inserts at the cursor', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require('../../../package.json') as {
      contributes: { menus: Record<string, { command: string; when?: string }[]>; keybindings: { command: string; when?: string }[] };
    };
    const whens = [...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.keybindings]
      .filter((e) => e.command === 'triage.editSelection')
      .map((e) => e.when ?? '');
    assert.ok(whens.length >= 3, whens.join(' | '));
    for (const when of whens) assert.doesNotMatch(when, /(^|&&\s*)editorHasSelection(\s*&&|$)/, `"${when}" requires a selection`);
  });
});
