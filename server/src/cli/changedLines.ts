// `--changed-since <ref>`: which lines of which files differ from a git revision (the working tree, staged or not,
// against `ref`; untracked files count as wholly new), so that a review lists only the findings on those lines.
// Uses the `git` the user has; a folder that is not in a repository, or a ref git does not know, is a usage error.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class ChangedLinesError extends Error {}

/** Absolute path → the 1-based line numbers changed or added there (`all`: an untracked file). */
export type ChangedLines = Map<string, Set<number> | 'all'>;

async function git(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['-c', 'core.quotePath=false', ...args], {
      cwd,
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { code?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') throw new ChangedLinesError('--changed-since needs git, and no `git` command was found');
    throw new ChangedLinesError((e.stderr ?? e.message).trim().split('\n')[0] ?? e.message);
  }
}

export async function changedLinesSince(ref: string, cwd: string): Promise<ChangedLines> {
  if (ref.startsWith('-')) throw new ChangedLinesError(`--changed-since: ${ref} is not a git revision`);
  const top = (
    await git(['rev-parse', '--show-toplevel'], cwd).catch(() => {
      throw new ChangedLinesError(`--changed-since: ${cwd} is not inside a git repository`);
    })
  ).trim();
  await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top).catch(() => {
    throw new ChangedLinesError(`--changed-since: git knows no revision ${ref}`);
  });
  const changed: ChangedLines = new Map();
  const diff = await git(['diff', '--unified=0', '--no-color', '--no-ext-diff', '-M', ref, '--'], top);
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4);
      current = undefined;
      if (target === '/dev/null') continue; // a deleted file has no lines left to report on
      const file = path.join(top, target.replace(/^b\//, ''));
      current = new Set();
      changed.set(file, current);
    } else if (current && line.startsWith('@@')) {
      // @@ -a,b +c,d @@: d lines from line c are the new side (d omitted: 1; d = 0: a pure deletion)
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z'], top);
  for (const name of untracked.split('\0').filter(Boolean)) changed.set(path.join(top, name), 'all');
  return changed;
}

/** Whether a finding's first line is one of the changed lines of its file. */
export function onChangedLine(changed: ChangedLines, file: string, line: number): boolean {
  const lines = changed.get(file);
  return lines === 'all' || (lines !== undefined && lines.has(line));
}
