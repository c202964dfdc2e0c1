// Whether git would leave a file out of commits: the `.gitignore` files from the file's folder up to the
// repository root (the folder holding `.git`). A secret file that git ignores is where secrets belong (a local
// `.env`); one it does not ignore is, or will be, committed.
import ignore from 'ignore';
import type { FileReader } from '../fileReader';

const MAX_DEPTH = 64;

function parentOf(uri: string): string | undefined {
  const slash = uri.lastIndexOf('/');
  if (slash <= 'file://'.length) return undefined;
  return uri.slice(0, slash);
}

export function isGitIgnored(uri: string, reader: FileReader): boolean {
  let folder = parentOf(uri);
  for (let depth = 0; folder && depth < MAX_DEPTH; depth++) {
    const rules = reader.read(`${folder}/.gitignore`);
    if (rules !== undefined) {
      const relative = decodeURIComponent(uri.slice(folder.length + 1));
      if (ignore().add(rules).ignores(relative)) return true;
    }
    // the repository root: `.git` is a folder, or a file in worktrees and submodules
    if (reader.read(`${folder}/.git/HEAD`) !== undefined || reader.read(`${folder}/.git`) !== undefined) return false;
    folder = parentOf(folder);
  }
  return false;
}
