// The folders an MCP server may read: the ones it was started with. A path an agent passes is resolved (symbolic
// links included) and refused when it falls outside all of them, before anything is read.
import { realpathSync } from 'node:fs';
import * as path from 'node:path';

export class OutsideRootsError extends Error {}

export class Roots {
  readonly folders: readonly string[];

  constructor(folders: readonly string[], cwd = process.cwd()) {
    this.folders = folders.map((f) => realpathOrSelf(path.resolve(cwd, f)));
  }

  /** The real path of `input` (absolute, or relative to the first root), or an error naming the roots. */
  resolve(input: string): string {
    const absolute = path.isAbsolute(input) ? input : path.resolve(this.folders[0] ?? process.cwd(), input);
    const real = realpathOrSelf(absolute);
    if (!this.contains(real))
      throw new OutsideRootsError(
        `${input} is outside the folders this server may read (${this.folders.join(', ')}). Start \`apiwarden mcp\` with that folder as a root to lint it.`,
      );
    return real;
  }

  contains(file: string): boolean {
    return this.folders.some((root) => {
      const relative = path.relative(root, file);
      return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    });
  }
}

/** A file that does not exist yet (a snippet's intended place) keeps its path; its folder's links are resolved. */
function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const parent = path.dirname(file);
    return parent === file ? file : path.join(realpathOrSelf(parent), path.basename(file));
  }
}
