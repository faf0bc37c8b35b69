// Builds the extension bundle (Node, cjs, `vscode` external), the webview bundle (browser) and,
// with --tests, the e2e suites that run inside the extension host.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// In the extension bundle, the host's lazy require of the adapters becomes a require of dist/providers.js.
// Exported so the bench measures the bundle as shipped.
const lazyProviders = {
  name: 'lazy-providers',
  setup(build) {
    build.onResolve({ filter: /providers\/createProvider$/ }, (args) =>
      args.kind === 'require-call' && args.importer.endsWith('loadProviders.ts') ? { path: './providers.js', external: true } : undefined,
    );
    // The tree-sitter runtime likewise: dist/treeSitter.js, imported on the first edit check.
    build.onResolve({ filter: /^@vscode\/tree-sitter-wasm$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './treeSitter.js', external: true } : undefined,
    );
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    define: { 'process.env.TRIAGE_BUILD': JSON.stringify(production ? 'production' : 'development') },
    plugins: [lazyProviders],
  },
  {
    // The adapters and SDKs, loaded by src/host/loadProviders.ts on the first request, not at activation, and the tokenizer worker.
    ...common,
    entryPoints: {
      providers: 'src/providers/createProvider.ts',
      treeSitter: require.resolve('@vscode/tree-sitter-wasm'),
      // provideTokenCount's tokenizer (js-tiktoken and its ranks), run in a worker thread by src/host/lm/tokenCounter.ts.
      tokenizerWorker: 'src/host/lm/tokenizerWorker.ts',
      // The sentence encoder's worker (tfjs inside); started by the host on the first request.
      sentenceEncoderWorker: 'src/providers/sentenceEncoderWorker.ts',
    },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { chat: 'src/webview/chat.ts', spend: 'src/webview/spend.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

if (tests) {
  const suites = fs.readdirSync('test/e2e/suite').filter((f) => f.endsWith('.test.ts'));
  builds.push({
    ...common,
    entryPoints: ['test/e2e/suite/index.ts', ...suites.map((f) => path.join('test/e2e/suite', f))],
    outdir: 'out/test/e2e/suite',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
  // A second language model vendor for the vscode-lm suites: its own extension folder (package.json beside the bundle).
  builds.push({
    ...common,
    entryPoints: ['test/e2e/lmTestExtension/extension.ts'],
    outfile: 'out/test/e2e/lmTestExtension/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  });
  fs.mkdirSync('out/test/e2e/lmTestExtension', { recursive: true });
  fs.copyFileSync('test/e2e/lmTestExtension/package.json', 'out/test/e2e/lmTestExtension/package.json');
}

// The tree-sitter runtime and the grammars the edit check uses load from dist/wasm at run time.
function copyWasm() {
  const from = path.join('node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
  const to = path.join('dist', 'wasm');
  const grammars = Object.values(JSON.parse(fs.readFileSync(path.join('src', 'providers', 'grammars.json'), 'utf8')));
  fs.rmSync(to, { recursive: true, force: true }); // no grammar left over from an earlier list
  fs.mkdirSync(to, { recursive: true });
  for (const file of new Set(['tree-sitter.wasm', ...grammars])) fs.copyFileSync(path.join(from, file), path.join(to, file));
}

// The encoder's weights and vocabulary, and tfjs's wasm backend, are read from the worker bundle's directory.
function copyEncoder() {
  const model = path.join('node_modules', '@energetic-ai', 'model-embeddings-en', 'dist');
  const core = path.join('node_modules', '@energetic-ai', 'core', 'dist');
  for (const dir of [model, core])
    for (const file of fs.readdirSync(dir)) if (/^(?:model\.json|vocab\.json|group\d+-shard\d+of\d+|tfjs-backend-wasm[\w-]*\.wasm)$/.test(file)) fs.copyFileSync(path.join(dir, file), path.join('dist', file));
}

async function main() {
  if (production) fs.rmSync('dist', { recursive: true, force: true }); // no stale maps in the .vsix
  copyWasm();
  copyEncoder();
  const existing = builds.filter((b) => {
    const entries = Array.isArray(b.entryPoints) ? b.entryPoints : Object.values(b.entryPoints);
    return entries.every((e) => fs.existsSync(e));
  });
  if (watch) {
    for (const b of existing) await (await esbuild.context(b)).watch();
    console.log('esbuild: watching');
    return;
  }
  await Promise.all(existing.map((b) => esbuild.build(b)));
}

module.exports = { lazyProviders };

// Builds when run (`node esbuild.js`); the bench only imports the plugin.
if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
