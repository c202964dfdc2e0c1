// The folders a lint may read other files from (the workspace folders, the paths given to the CLI). A `$ref` in a
// cloned repository can name any path (`/etc/passwd`, `../../.ssh/id_rsa`); outside these folders it is refused
// before anything is read. Symbolic links count where they lead.
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { uriToPath } from './uris';

export class ReadRoots {
  private readonly folders: string[];

  /** @param roots folder uris or paths */
  constructor(roots: readonly string[]) {
    this.folders = roots.map((root) => withSeparator(realOrSelf(root.startsWith('file:') ? uriToPath(root) : root)));
  }

  /**
   * The roots for linting the document at `documentPath`: a document opened from outside them (a lone file the
   * user chose) may read its own folder too.
   */
  static forDocument(roots: readonly string[], documentPath: string): ReadRoots {
    const bounded = new ReadRoots(roots);
    return bounded.contains(documentPath) ? bounded : new ReadRoots([...roots, path.dirname(documentPath)]);
  }

  /** Whether the file at `filePath` lies inside one of the folders (after following links). */
  contains(filePath: string): boolean {
    const real = realOrSelf(filePath);
    return this.folders.some((folder) => real.startsWith(folder) || withSeparator(real) === folder);
  }
}

function realOrSelf(filePath: string): string {
  const resolved = path.resolve(filePath);
  try {
    return realpathSync(resolved);
  } catch {
    // Not there (yet): the real path of the nearest existing folder, so that a link above it is still followed.
    const parent = path.dirname(resolved);
    return parent === resolved ? resolved : path.join(realOrSelf(parent), path.basename(resolved));
  }
}

function withSeparator(folder: string): string {
  return folder.endsWith(path.sep) ? folder : folder + path.sep;
}
