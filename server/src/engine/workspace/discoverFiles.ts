// Finds the files a workspace or CLI lint should look at: the candidates by extension, minus dependency,
// build and VCS folders. Whether a candidate is really an OpenAPI document or handler code is decided later, by
// content (Engine.classify).
import { glob } from 'tinyglobby';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { SECRET_FILE_GLOBS } from '../secrets/secretFiles';

export const CANDIDATE_EXTENSIONS = ['yaml', 'yml', 'json', 'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'py'];

const IGNORED_DIRECTORIES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/out/**',
  '**/build/**',
  '**/.venv/**',
  '**/venv/**',
  '**/__pycache__/**',
  '**/.tox/**',
  '**/coverage/**',
  '**/.next/**',
  '**/site-packages/**',
  '**/*.d.ts',
  '**/*.min.js',
];

/**
 * Expands paths and globs into files. A directory means every candidate file under it; a file is taken as is
 * (even with another extension); anything else is treated as a glob.
 */
export async function discoverFiles(patterns: string[], cwd: string, extraIgnores: string[] = []): Promise<string[]> {
  const found = new Set<string>();
  const globs: string[] = [];
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) found.add(absolute);
    else if (stat?.isDirectory()) {
      const files = await glob(`**/*.{${CANDIDATE_EXTENSIONS.join(',')}}`, {
        cwd: absolute,
        absolute: true,
        ignore: [...IGNORED_DIRECTORIES, ...extraIgnores],
        dot: false,
      });
      // `.env` files are dot files; key files have extensions of their own (secrets/secretFiles.ts)
      const secretFiles = await glob(SECRET_FILE_GLOBS, {
        cwd: absolute,
        absolute: true,
        ignore: [...IGNORED_DIRECTORIES, ...extraIgnores],
        dot: true,
      });
      [...files, ...secretFiles].forEach((f) => found.add(path.normalize(f)));
    } else globs.push(pattern);
  }
  if (globs.length > 0) {
    const files = await glob(globs, { cwd, absolute: true, ignore: [...IGNORED_DIRECTORIES, ...extraIgnores] });
    files.forEach((f) => found.add(path.normalize(f)));
  }
  return [...found].sort();
}
