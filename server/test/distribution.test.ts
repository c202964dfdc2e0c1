// What users see of the project before they run it: the repository's public home (one URL, package.json's
// repository), the extension's icon, its README and the packaging arguments that rewrite the README's links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';
import { drawIcon, ICON_FILE, ICON_SIZE } from '../../scripts/icon';
import { REPOSITORY_URL } from '../src/engine';

const ROOT = path.resolve(__dirname, '..', '..');
const REPOSITORY = 'https://github.com/apiwarden/api-warden';
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('package.json: repository, homepage and bugs are the canonical repository; no placeholder host is left', async () => {
  const { repositoryUrl } = await import(path.join(ROOT, 'scripts', 'repository.mjs'));
  assert.equal(repositoryUrl(), REPOSITORY);
  // the engine's copy (SARIF informationUri, published rule docs) cannot read package.json at run time
  assert.equal(REPOSITORY_URL, REPOSITORY);
  assert.equal(manifest.repository.url, `${REPOSITORY}.git`);
  assert.equal(manifest.homepage, `${REPOSITORY}#readme`);
  assert.equal(manifest.bugs.url, `${REPOSITORY}/issues`);
  for (const file of ['package.json', 'action.yml', 'README.extension.md', 'README.npm.md', 'CHANGELOG.md']) {
    assert.ok(
      !readFileSync(path.join(ROOT, file), 'utf8').includes('example.invalid'),
      `${file} links example.invalid`,
    );
  }
  // The root manifest is the extension's and the contributors'; the npm package has its own (npmPackage.test.ts).
  assert.equal(manifest.private, true);
});

test('vsce packages README.extension.md with its links rewritten to the canonical repository', async () => {
  const { vscePackageArguments } = await import(path.join(ROOT, 'scripts', 'packageExtension.mjs'));
  const args: string[] = vscePackageArguments('out.vsix');
  const option = (name: string) => args[args.indexOf(name) + 1];
  assert.equal(option('--readme-path'), 'README.extension.md');
  assert.equal(option('--baseImagesUrl'), `${REPOSITORY}/raw/main`);
  assert.equal(option('--baseContentUrl'), `${REPOSITORY}/blob/main`);
  assert.equal(option('-o'), 'out.vsix');
  assert.ok(args.includes('--no-dependencies'), 'the bundles are self-contained');
});

/** The RGBA pixels of an 8-bit RGBA, non-interlaced PNG (filter type 0 rows, as scripts/icon.ts writes them). */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.deepEqual([...body.subarray(8, 13)], [8, 6, 0, 0, 0], '8-bit RGBA, not interlaced');
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(data));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    assert.equal(rows[row], 0, `row ${y}: filter type 0`);
    rows.copy(pixels, y * width * 4, row + 1, row + 1 + width * 4);
  }
  return { width, height, pixels };
}

test('the icon is a 128×128 PNG named in package.json, and it is what scripts/icon.ts draws', () => {
  assert.equal(path.join(ROOT, manifest.icon), ICON_FILE);
  const { width, height, pixels } = decodePng(readFileSync(ICON_FILE));
  assert.deepEqual([width, height], [ICON_SIZE, ICON_SIZE]);
  assert.equal(ICON_SIZE, 128);
  assert.ok(pixels.equals(drawIcon()), 'images/icon.png is stale: run node --import tsx scripts/icon.ts');
  // Not blank: corners transparent (rounded), the centre opaque.
  assert.equal(pixels[3], 0);
  assert.equal(pixels[((ICON_SIZE / 2) * ICON_SIZE + ICON_SIZE / 2) * 4 + 3], 255);
});

test('the extension README starts with what a user does, lists every setting and points to the CLI', () => {
  const readme = readFileSync(path.join(ROOT, 'README.extension.md'), 'utf8');
  const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.equal(headings[0], 'Get started');
  assert.ok(!/npm ci|npm test|npm run/.test(readme), 'no contributor commands on the extension page');
  for (const setting of Object.keys(manifest.contributes.configuration.properties)) {
    assert.ok(readme.includes(`| \`${setting}\` |`), `${setting} is missing from the settings table`);
  }
  for (const command of manifest.contributes.commands as { title: string; category: string }[]) {
    assert.ok(readme.includes(`${command.category}: ${command.title}`), `command ${command.title} is not named`);
  }
  assert.match(readme, /npx apiwarden lint \./);
});
