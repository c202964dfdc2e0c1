// The project's public home, read from one place: package.json's `repository.url`. Everything that links to the
// repository (the .vsix's README base URLs, the shareable ruleset's doc links, the npm package's fields) derives
// it from here; server/test/distribution.test.ts checks that `homepage` and `bugs` agree with it.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

export function rootManifest() {
  return JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

/** https://github.com/owner/repo (no `git+`, no `.git`). */
export function repositoryUrl(manifest = rootManifest()) {
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (!repository) throw new Error('package.json has no repository URL');
  return String(repository)
    .replace(/^git\+/, '')
    .replace(/\.git$/, '');
}
