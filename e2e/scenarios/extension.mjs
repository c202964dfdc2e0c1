// The installed extension's own page (Extensions view → API Warden): name, icon and the README of the .vsix with its
// images. Group "extension".
//
// VS Code's extension page keeps only http(s) image sources (relative and data: sources are removed by its
// sanitizer) and its content security policy allows https: images, so the packaged README's images are the
// canonical repository's raw URLs (vsce rewrites the relative paths of README.extension.md; see
// scripts/packageExtension.mjs). This machine has no internet access (and the repository need not be published
// yet), so the browser's requests for those URLs are answered from the copies packed in the installed extension.
import fs from 'node:fs';
import path from 'node:path';
import { check } from './common.mjs';
import { waitUntil } from '../lib/workbench.mjs';
import { repositoryUrl } from '../../scripts/repository.mjs';

const REPOSITORY = repositoryUrl();
const RAW = `${REPOSITORY}/raw/main/`;

export const scenarios = [
  {
    id: 'extension-page',
    group: 'extension',
    title: "the installed extension's page shows its icon and its README with every image",
    async run(t) {
      const readmeFile = fs.readdirSync(t.extDir).find((f) => /^readme\.md$/i.test(f));
      check(readmeFile, `no README in the installed extension (${t.extDir})`);
      const readme = fs.readFileSync(path.join(t.extDir, readmeFile), 'utf8');
      check(!/npm ci/.test(readme), "the installed README is the contributors' README");
      const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
      check(images.length >= 5, `only ${images.length} images in the installed README`);
      for (const image of images) {
        check(image.startsWith(RAW), `image ${image} is not a raw URL of ${REPOSITORY}`);
        const packed = path.join(t.extDir, image.slice(RAW.length));
        check(fs.existsSync(packed), `image ${image} is not packed in the extension (${packed})`);
      }

      const served = new Set();
      await t.page.context().route(`${RAW}**`, (route) => {
        const relative = decodeURIComponent(
          new URL(route.request().url()).pathname.slice(new URL(RAW).pathname.length),
        );
        const file = path.join(t.extDir, relative);
        if (!file.startsWith(t.extDir + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404 });
        served.add(relative);
        return route.fulfill({ status: 200, contentType: 'image/png', body: fs.readFileSync(file) });
      });

      await t.step('open the Extensions view and API Warden in its Installed list', async () => {
        await t.page.keyboard.press('Control+Shift+X');
        const item = t.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'API Warden' }).first();
        await item.waitFor({ state: 'visible', timeout: 20_000 });
        await item.click();
      });

      const editor = t.page.locator('.extension-editor');
      await t.step('the extension page opens with the name and the icon', async () => {
        await editor.locator('.header .name', { hasText: 'API Warden' }).waitFor({ timeout: 20_000 });
        await waitUntil(
          () =>
            editor
              .locator('.header .icon')
              .first()
              .evaluate((img) => ({ complete: img.complete, width: img.naturalWidth, src: img.src })),
          (icon) => icon.complete && icon.width === 128,
          { timeout: 15_000, what: 'the extension icon (128 px wide) to load' },
        );
      });

      // The README is rendered in a webview: an iframe whose inner frame holds the document.
      const readmeImages = (frame) =>
        frame.evaluate(() =>
          [...document.querySelectorAll('img')].map((img) => ({
            src: img.getAttribute('src'),
            complete: img.complete,
            width: img.naturalWidth,
          })),
        );
      const { frame, state: loaded } = await t.step(`the README shows all ${images.length} images, each loaded`, () =>
        waitUntil(
          async () => {
            for (const frame of t.page.frames()) {
              const state = await readmeImages(frame).catch(() => []);
              if (state.some((img) => img.src?.startsWith(REPOSITORY))) return { frame, state };
            }
            return { state: [] };
          },
          ({ state }) => state.length === images.length && state.every((img) => img.complete && img.width > 0),
          {
            timeout: 30_000,
            what: 'every README image in the extension page to load',
            describe: (v) => JSON.stringify(v.state),
          },
        ),
      );
      check(
        loaded.map((img) => img.src).join('\n') === images.join('\n'),
        `the page shows other images than the README: ${JSON.stringify(loaded.map((img) => img.src))}`,
      );
      check(served.size === new Set(images).size, `served ${[...served].join(', ')} for ${images.length} images`);
      // The screenshot shows the header and the first image.
      await frame.evaluate(() => document.querySelector('img').scrollIntoView({ block: 'end' }));
      await t.shot('extension-page', { doc: 'extension-page.png' });
    },
  },
];
