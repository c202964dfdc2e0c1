// The commands docs/ci.md shows, run as a CI job would run them (with the built CLI in place of `npx apiwarden`), on
// a git repository holding the sample workspace: each finishes with the exit code and the output the docs promise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { CLI, ROOT } from './runCli';

const DOC = readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'CI',
  GIT_AUTHOR_EMAIL: 'ci@example.com',
  GIT_COMMITTER_NAME: 'CI',
  GIT_COMMITTER_EMAIL: 'ci@example.com',
};

/** Every `apiwarden` command in the doc's code blocks, without the `npx --yes apiwarden@<version>` prefix. */
function documentedCommands(): string[] {
  const blocks = [...DOC.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((b) => [...b.matchAll(/npx --yes apiwarden@[\d.]+ ([^\n]+)/g)].map((m) => m[1]!.trim()));
}

function sh(command: string, cwd: string, env: Record<string, string>) {
  return spawnSync('bash', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, NO_COLOR: '1', ...env },
  });
}

test('docs/ci.md: every command it shows runs on a repository as shown', { timeout: 120_000 }, () => {
  const commands = documentedCommands();
  assert.ok(commands.length >= 6, commands.join('\n'));
  const repo = realpathSync(mkdtempSync(path.join(tmpdir(), 'apiwarden-ci-')));
  cpSync(path.join(ROOT, 'test-fixtures', 'workspaces', 'bookshop-api'), repo, { recursive: true });
  for (const step of [
    'git init -q -b main',
    'git add .',
    'git commit -q -m base',
    'git update-ref refs/remotes/origin/main HEAD',
  ])
    assert.equal(sh(step, repo, {}).status, 0, step);
  const env = { GITHUB_BASE_REF: 'main', GITHUB_STEP_SUMMARY: path.join(repo, 'summary.md') };
  for (const command of commands) {
    const run = sh(`"${process.execPath}" "${CLI}" ${command}`, repo, env);
    assert.ok(run.status === 0 || run.status === 1, `${command}: exit ${run.status}\n${run.stderr}`);
    if (command.includes('--format markdown'))
      assert.match(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'), /^## API Warden/);
    if (command.includes('--format junit'))
      assert.equal(XMLValidator.validate(readFileSync(path.join(repo, 'apiwarden-junit.xml'), 'utf8')), true);
    if (command.includes('--changed-since')) {
      assert.equal(run.status, 0, 'nothing changed since the base: nothing fails');
      assert.equal(run.stdout, '');
    }
    if (command.startsWith('lint . --baseline')) assert.equal(run.status, 0, 'the baseline holds every finding');
    if (command.startsWith('lint --quiet')) assert.equal(run.status, 1, 'errors in the workspace fail the hook');
  }
  // the pre-commit hook with the staged files as its arguments, as pre-commit calls it
  const hook = commands.find((c) => c.startsWith('lint --quiet'))!;
  const staged = sh(`"${process.execPath}" "${CLI}" ${hook} openapi/bookshop.yaml src/server.ts`, repo, {});
  assert.equal(staged.status, 1, staged.stderr);
  assert.match(staged.stdout, /error/);
  assert.doesNotMatch(staged.stdout, /\binfo\b/);
});
