// Builds the npm package `apiwarden` (the CLI and the language server) from the bundles in dist/ (run
// `npm run build` first) and packs it with `npm pack`:
//   node scripts/npmPackage.mjs [--out <folder>]   writes <folder>/apiwarden-<version>.tgz (default: dist/)
// The repository's own package.json is the VS Code extension's manifest and the contributors' setup (private, all
// devDependencies); the npm package gets a manifest of its own, written here from it (same version, licence and
// repository), in a staging folder holding only what the CLI and server read at run time. See ARCHITECTURE.md,
// "Distribution".
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, repositoryUrl, rootManifest } from './repository.mjs';

export const NPM_PACKAGE_NAME = 'apiwarden';

/** dist/ files the CLI and the server load: the bundles and the tree-sitter grammars beside them. */
const RUNTIME_DIST = /^(cli|cliMain|mcp|server|lintWorker|inventoryWorker)\.js$|\.wasm$/;

export function npmManifest(root = rootManifest()) {
  const repository = repositoryUrl(root);
  return {
    name: NPM_PACKAGE_NAME,
    version: root.version,
    description:
      'API security linter for OpenAPI descriptions and API handler code (OWASP API Top 10): CLI with stylish, JSON and SARIF output, and a language server for any editor.',
    keywords: [...root.keywords, 'cli', 'sarif', 'language-server'],
    license: root.license,
    repository: { type: 'git', url: `git+${repository}.git` },
    homepage: root.homepage,
    bugs: root.bugs,
    engines: { node: root.engines.node },
    bin: { apiwarden: 'dist/cli.js', 'apiwarden-language-server': 'bin/apiwarden-language-server.js' },
    files: ['dist/', 'bin/', 'docs/rules/', 'rulesets/dist/', 'CHANGELOG.md'],
  };
}

/** Writes the package's files into `stage` (emptied first). */
export function stageNpmPackage(stage) {
  const dist = path.join(ROOT, 'dist');
  const bundles = existsSync(dist) ? readdirSync(dist).filter((f) => RUNTIME_DIST.test(f)) : [];
  for (const required of [
    'cli.js',
    'cliMain.js',
    'mcp.js',
    'server.js',
    'lintWorker.js',
    'inventoryWorker.js',
    'web-tree-sitter.wasm',
  ])
    if (!bundles.includes(required)) throw new Error(`dist/${required} is missing: run npm run build first`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(path.join(stage, 'dist'), { recursive: true });
  for (const file of bundles) copyFileSync(path.join(dist, file), path.join(stage, 'dist', file));
  chmodSync(path.join(stage, 'dist', 'cli.js'), 0o755);
  // Rule documentation beside the bundles (dist/../docs/rules): the CLI and the server link findings to it.
  cpSync(path.join(ROOT, 'docs', 'rules'), path.join(stage, 'docs', 'rules'), { recursive: true });
  // The shareable Spectral ruleset (`spectral lint -r node_modules/apiwarden/rulesets/dist/...`).
  cpSync(path.join(ROOT, 'rulesets', 'dist'), path.join(stage, 'rulesets', 'dist'), { recursive: true });
  mkdirSync(path.join(stage, 'bin'));
  // The server bundle is also what the VS Code client starts (over IPC); the command is a wrapper with a shebang.
  const server = path.join(stage, 'bin', 'apiwarden-language-server.js');
  writeFileSync(server, "#!/usr/bin/env node\n// apiwarden-language-server --stdio\nrequire('../dist/server.js');\n");
  chmodSync(server, 0o755);
  copyFileSync(path.join(ROOT, 'README.npm.md'), path.join(stage, 'README.md'));
  for (const file of ['LICENSE', 'CHANGELOG.md']) copyFileSync(path.join(ROOT, file), path.join(stage, file));
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(npmManifest(), null, 2) + '\n');
}

/** Stages and packs the package into `outDir`; returns the tarball's path. */
export function packNpmPackage(outDir) {
  const stage = path.join(outDir, 'npm-package');
  stageNpmPackage(stage);
  const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', outDir], {
    cwd: stage,
    encoding: 'utf8',
    env: withoutNpmConfig(process.env),
  });
  if (pack.status !== 0) throw new Error(`npm pack failed (${pack.status}): ${pack.stderr}`);
  const [{ filename }] = JSON.parse(pack.stdout);
  return path.join(outDir, filename);
}

/**
 * The environment without the npm_* variables an outer `npm run` sets: they are config to an inner npm (e.g. a
 * `npm_config_dry_run` of the outer command would reach `npm pack`).
 */
export function withoutNpmConfig(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const at = process.argv.indexOf('--out');
  const outDir = path.resolve(at > 0 ? process.argv[at + 1] : path.join(ROOT, 'dist'));
  mkdirSync(outDir, { recursive: true });
  console.log(`packed ${path.relative(process.cwd(), packNpmPackage(outDir))}`);
}
