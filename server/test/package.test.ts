// What ships: the .vsix holds the bundles, grammars, rule docs and the shareable ruleset, the icon, the extension's
// README and its images, and nothing from node_modules; the bundles run on their own, away from the repository and
// its node_modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PUBLISHED_RULE_DOCS_URL } from '../src/engine/rules/ruleDocs';

const ROOT = path.resolve(__dirname, '..', '..');
const EXTENSION_README = 'README.extension.md';

let listed: string[] | undefined;
/** `vsce ls`: the files `npm run package` packs (listed once: vsce walks the whole tree, .e2e/ included). */
function vsixFiles(): string[] {
  if (listed) return listed;
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const listing = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies', '--readme-path', EXTENSION_README], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(listing.status, 0, listing.stderr);
  return (listed = listing.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean));
}

test('the .vsix contents: bundles, grammars, rule docs, ruleset, icon, README; no node_modules, no sources', () => {
  const files = vsixFiles();
  for (const required of [
    'package.json',
    EXTENSION_README,
    'LICENSE',
    'CHANGELOG.md',
    'images/icon.png',
    'dist/extension.js',
    'dist/server.js',
    'dist/lintWorker.js',
    'dist/inventoryWorker.js',
    'dist/cli.js',
    'dist/cliMain.js',
    'dist/web-tree-sitter.wasm',
    'rulesets/dist/apiwarden-recommended.js',
    'docs/rules/oas-password-readable.md',
  ]) {
    assert.ok(files.includes(required), `${required} is missing from the package`);
  }
  assert.ok(
    files.some((f) => f.startsWith('docs/rules/code-')),
    'code rule docs ship too',
  );
  const unwanted = files.filter(
    (f) =>
      f.includes('node_modules') || /\.(ts|map)$/.test(f) || f.startsWith('server/') || f.startsWith('test-fixtures/'),
  );
  assert.deepEqual(unwanted, []);
  assert.ok(
    !files.includes('README.md'),
    "the contributors' README stays out: the extension page is README.extension.md",
  );
});

test("the extension README's images are relative paths to PNGs packed in the .vsix, and only those are packed", () => {
  const readme = readFileSync(path.join(ROOT, EXTENSION_README), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  assert.ok(images.length >= 5, `only ${images.length} images in ${EXTENSION_README}`);
  const files = vsixFiles();
  for (const image of images) {
    assert.match(
      image,
      /^docs\/images\/[\w-]+\.png$/,
      'relative to the repository root (vsce rewrites it to raw/main/…)',
    );
    assert.ok(files.includes(image), `${image} is not packed (.vscodeignore)`);
  }
  assert.deepEqual(
    files.filter((f) => f.startsWith('docs/images/')).sort(),
    [...new Set(images)].sort(),
    'images the README does not show stay out of the .vsix',
  );
});

test('the bundled CLI runs from a folder with no node_modules', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-bundle-'));
  try {
    mkdirSync(path.join(dir, 'dist'));
    for (const file of readdirSync(path.join(ROOT, 'dist'))) {
      if (file.endsWith('.js') || file.endsWith('.wasm'))
        cpSync(path.join(ROOT, 'dist', file), path.join(dir, 'dist', file));
    }
    cpSync(path.join(ROOT, 'docs', 'rules'), path.join(dir, 'docs', 'rules'), { recursive: true });
    const spec = path.join(ROOT, 'test-fixtures', 'openapi', 'oas-password-readable', 'responses.yaml');
    const handler = path.join(ROOT, 'test-fixtures', 'code', 'express');
    const run = spawnSync(
      process.execPath,
      [path.join(dir, 'dist', 'cli.js'), 'lint', spec, handler, '--format', 'json', '--fail-on', 'never'],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } },
    );
    assert.equal(run.status, 0, run.stderr);
    const findings = JSON.parse(run.stdout).findings as { ruleId: string; docUrl: string }[];
    assert.ok(findings.some((f) => f.ruleId === 'oas-password-readable'));
    assert.ok(
      findings.some((f) => f.ruleId.startsWith('code-')),
      'handler code is parsed with the bundled grammars',
    );
    assert.ok(
      findings.every((f) => f.docUrl === `${PUBLISHED_RULE_DOCS_URL}${f.ruleId}.md`),
      'CLI reports link the published docs, wherever the bundle is',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
