// The npm package `apiwarden` as a user gets it: packed with `npm pack` (scripts/npmPackage.mjs), run with
// `npx apiwarden lint .` from the tarball, installed into a project, its language server started from the bin.
// npm runs offline: the package has no dependencies, so nothing but the tarball is needed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToUri } from '../src/engine/uris';
import { TestLspClient } from './support/lspClient';
import { BOOKSHOP, ROOT, offlineNpmEnv, packNpmPackage, run } from './support/npmPackage';

let work: string;
let tarball: string;
let env: NodeJS.ProcessEnv;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'apiwarden-npm-'));
  tarball = packNpmPackage(work);
  env = offlineNpmEnv(path.join(work, 'npm-cache'));
});

after(() => rmSync(work, { recursive: true, force: true }));

const rootManifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function packedFile(file: string): string {
  const extract = spawnSync('tar', ['-xzOf', tarball, `package/${file}`], { encoding: 'utf8' });
  assert.equal(extract.status, 0, extract.stderr);
  return extract.stdout;
}

test('the tarball holds the bundles, grammars, rule docs, ruleset, bins and docs, and nothing else', () => {
  const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  assert.equal(listing.status, 0, listing.stderr);
  const files = listing.stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''))
    .sort();
  const expected = [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'package.json',
    'bin/apiwarden-language-server.js',
    ...[
      'cli.js',
      'cliMain.js',
      'mcp.js',
      'server.js',
      'lintWorker.js',
      'inventoryWorker.js',
      'web-tree-sitter.wasm',
    ].map((f) => `dist/${f}`),
    ...['javascript', 'typescript', 'tsx', 'python'].map((g) => `dist/tree-sitter-${g}.wasm`),
    ...readdirSync(path.join(ROOT, 'docs', 'rules')).map((f) => `docs/rules/${f}`),
    'rulesets/dist/apiwarden-recommended.js',
  ].sort();
  assert.deepEqual(files, expected);
});

test('its manifest: the name npx runs, both bins, the version and public home of the repository, no dependencies', () => {
  const manifest = JSON.parse(packedFile('package.json'));
  assert.equal(manifest.name, 'apiwarden');
  assert.equal(manifest.version, rootManifest.version);
  assert.equal(manifest.private, undefined);
  assert.deepEqual(manifest.bin, {
    apiwarden: 'dist/cli.js',
    'apiwarden-language-server': 'bin/apiwarden-language-server.js',
  });
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts'])
    assert.equal(manifest[field], undefined, `${field} in the npm package`);
  assert.equal(manifest.repository.url, 'git+https://github.com/apiwarden/api-warden.git');
  assert.equal(manifest.homepage, rootManifest.homepage);
  assert.deepEqual(manifest.bugs, rootManifest.bugs);
  assert.equal(manifest.engines.node, rootManifest.engines.node);
  assert.equal(packedFile('README.md'), readFileSync(path.join(ROOT, 'README.npm.md'), 'utf8'));
});

test('`npx apiwarden lint .` from the tarball lints a project like the repository build does', () => {
  const project = path.join(work, 'bookshop-api');
  cpSync(BOOKSHOP, project, { recursive: true });
  const npx = (...args: string[]) =>
    run('npx', ['--yes', '--package', tarball, 'apiwarden', 'lint', ...args], project, env);

  const stylish = npx('.');
  assert.equal(stylish.status, 1, `exit code (errors found): ${stylish.stderr}`);
  assert.match(stylish.stdout, /code-route-without-auth/);
  assert.match(stylish.stdout, /oas-server-plain-http/);
  assert.match(stylish.stdout, /\d+ problems \(.*\) in \d+ files; 5 files linted \(2 OpenAPI, 3 code\)\.\n$/);

  // The same findings as dist/cli.js of the repository: the package runs the same engine, grammars and rules.
  const installed = npx('.', '--format', 'json', '--fail-on', 'never');
  assert.equal(installed.status, 0, installed.stderr);
  const repository = run(
    process.execPath,
    [path.join(ROOT, 'dist', 'cli.js'), 'lint', '.', '--format', 'json'],
    project,
    {
      ...process.env,
      NO_COLOR: '1',
    },
  );
  const findings = (stdout: string) =>
    (JSON.parse(stdout).findings as { ruleId: string; path: string; range: unknown; severity: string }[]).map(
      ({ ruleId, path: file, range, severity }) => ({ ruleId, file, range, severity }),
    );
  assert.ok(findings(installed.stdout).length > 0);
  assert.deepEqual(findings(installed.stdout), findings(repository.stdout));
});

test('installed into a project, both bins are linked and the language server answers over stdio', async () => {
  const project = path.join(work, 'project');
  mkdirSync(project);
  const install = run('npm', ['init', '-y'], project, env);
  assert.equal(install.status, 0, install.stderr);
  const added = run('npm', ['install', '--save-dev', tarball], project, env);
  assert.equal(added.status, 0, added.stderr);
  const bin = path.join(project, 'node_modules', '.bin');
  for (const name of ['apiwarden', 'apiwarden-language-server']) {
    const file = path.join(bin, name);
    assert.ok(existsSync(file), `${name} is not linked in node_modules/.bin`);
    assert.match(readFileSync(file, 'utf8'), /^#!\/usr\/bin\/env node\n/, `${name} starts with a node shebang`);
    assert.ok(statSync(file).mode & 0o100, `${name} is executable`);
  }
  const help = run(path.join(bin, 'apiwarden'), ['lint', '--help'], project, env);
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^Usage: apiwarden lint/);

  const client = new TestLspClient({
    serverBundle: path.join(bin, 'apiwarden-language-server'),
    rootUri: pathToUri(project),
    settings: { lintDelayMs: 0 },
  });
  try {
    const init = await client.initialize();
    assert.equal(init.capabilities.hoverProvider, true);
    const uri = pathToUri(path.join(project, 'server.ts'));
    // Handler code: the worker parses it with the grammars from the installed package.
    await client.open(
      uri,
      "import express from 'express';\nconst app = express();\napp.delete('/admin/users/:id', (req, res) => res.send('ok'));\n",
      'typescript',
    );
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.ok(
      published.diagnostics.some((d) => d.code === 'code-route-without-auth'),
      JSON.stringify(published.diagnostics.map((d) => d.code)),
    );
  } finally {
    await client.shutdown();
  }
});
