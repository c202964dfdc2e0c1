// Bundles the VS Code client, the language server (+ its lint worker), the CLI and the shareable ruleset
// into self-contained files under dist/: nothing from node_modules is needed at run time.
import * as esbuild from 'esbuild';
import { mkdirSync, copyFileSync, readFileSync } from 'node:fs';
import { buildRuleset } from './buildRuleset.mjs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Spectral's dependencies ship UMD builds (jsonc-parser) that require() sibling files at run time;
  // preferring their ES module entry points lets esbuild inline them (see DESIGN.md, OpenAPI path).
  mainFields: ['module', 'main'],
  legalComments: 'none',
  // Some ES module dependencies (fdir, used by tinyglobby) call createRequire(import.meta.url); give the CJS
  // bundle a real file URL for it.
  define: { 'import.meta.url': '__bundleFileUrl' },
  banner: { js: 'const __bundleFileUrl = require("url").pathToFileURL(__filename).href; const __nodeRequire = require;' },
  plugins: [builtinDynamicImports()],
};

/**
 * web-tree-sitter loads Node built-ins with import(). In a CommonJS bundle run from V8's code cache (the CLI
 * loader) Node 20 has no dynamic-import callback, so those imports become plain requires (through the bundle's
 * own `require`, which the module shadows with a local variable).
 */
function builtinDynamicImports() {
  return {
    name: 'builtin-dynamic-imports',
    setup(build) {
      build.onLoad({ filter: /web-tree-sitter[\\/][^\\/]+\.js$/ }, (args) => ({
        contents: readFileSync(args.path, 'utf8').replace(/\bimport\((["'])(module|fs\/promises|node:[\w/]+)\1\)/g, 'Promise.resolve(__nodeRequire($1$2$1))'),
        loader: 'js',
      }));
    },
  };
}

// dist/ is overwritten in place, not deleted first: a test run using dist/server.js may be going on meanwhile.
mkdirSync('dist', { recursive: true });

const builds = [
  { entryPoints: { extension: 'client/src/extension.ts' }, external: ['vscode'] },
  { entryPoints: { server: 'server/src/lsp/main.ts', lintWorker: 'server/src/lsp/lintWorker.ts' } },
  { entryPoints: { cliMain: 'server/src/cli/main.ts' } },
  // The `apiwarden` command itself: a small loader that runs cliMain.js through V8's code cache.
  { entryPoints: { cli: 'server/src/cli/loader.ts' }, banner: { js: '#!/usr/bin/env node' } },
];

for (const b of builds) {
  const options = { ...common, ...b, outdir: 'dist' };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    await esbuild.build(options);
  }
}
// Tree-sitter runtime and grammars for handler code analysis, loaded at run time from beside the bundles.
const wasmFiles = [
  'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  ...['javascript', 'typescript', 'tsx', 'python'].map((g) => `node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-${g}.wasm`),
];
for (const file of wasmFiles) copyFileSync(file, `dist/${file.split('/').pop()}`);

if (!watch) {
  await buildRuleset();
  console.log('built dist/extension.js, dist/server.js, dist/lintWorker.js, dist/cli.js (+ cliMain.js), rulesets/dist/apiwarden-recommended.js');
}
