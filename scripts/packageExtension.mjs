// Packages the VS Code extension: dist/api-warden.vsix (run `npm run build` first).
//   node scripts/packageExtension.mjs [--out <file>]
// The extension page shows README.extension.md (the top-level README.md is the contributors'). Its images and
// links are written relative to the repository root, as GitHub shows them; vsce rewrites them to the canonical
// repository (raw/ for images, blob/ for links), because VS Code's extension page drops relative and data: image
// sources and its content security policy allows only https: images. The images are packed too (docs/images/).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT, repositoryUrl } from './repository.mjs';

export const EXTENSION_README = 'README.extension.md';

/** The arguments of `vsce package`. */
export function vscePackageArguments(out = path.join('dist', 'api-warden.vsix'), repository = repositoryUrl()) {
  return [
    'package',
    '--no-dependencies',
    '--readme-path',
    EXTENSION_README,
    '--baseContentUrl',
    `${repository}/blob/main`,
    '--baseImagesUrl',
    `${repository}/raw/main`,
    '-o',
    out,
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? path.resolve(process.argv[at + 1]) : undefined;
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, ...vscePackageArguments(out)], { cwd: ROOT, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
