// `apiwarden lint --changed-since <ref>`: a review of a change lists the findings on the lines it changed or added
// (untracked files included), not the ones that were there before; outside a repository it is a usage error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from './runCli';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  assert.equal(r.status, 0, r.stderr);
}

const APP_BEFORE = [
  "const express = require('express');",
  'const app = express();',
  '// already there before the change: not part of the review',
  "app.post('/api/orders', (req, res) => res.status(201).json(req.body));",
  "app.get('/api/products', (req, res) => res.json([]));",
  'module.exports = app;',
  '',
].join('\n');

const APP_AFTER = APP_BEFORE.replace(
  'module.exports = app;',
  ["app.delete('/api/users/:id', (req, res) => res.sendStatus(204));", 'module.exports = app;'].join('\n'),
);

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
}

function findingsOf(stdout: string): string[] {
  const report = JSON.parse(stdout) as { findings: JsonFinding[] };
  return report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`).sort();
}

test(
  'lint --changed-since HEAD: only the findings on changed lines and in untracked files',
  { timeout: 60_000 },
  () => {
    const repo = realpathSync(mkdtempSync(path.join(tmpdir(), 'apiwarden-review-')));
    git(repo, 'init', '-q');
    writeFileSync(path.join(repo, 'package.json'), '{ "dependencies": { "express": "^4.19.2" } }\n');
    writeFileSync(path.join(repo, 'app.js'), APP_BEFORE);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'clean app');

    // the committed app has a finding of its own (line 4): the whole-tree lint shows it
    const before = runCli(['lint', '.', '--format', 'json'], repo);
    assert.deepEqual(findingsOf(before.stdout), ['app.js:4 code-route-without-auth']);

    // an uncommitted edit adds an open DELETE route; a new, untracked spec serves over plain HTTP
    writeFileSync(path.join(repo, 'app.js'), APP_AFTER);
    writeFileSync(
      path.join(repo, 'openapi.yaml'),
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\nservers: [{ url: "http://api.example.com" }]\npaths: {}\n',
    );
    const review = runCli(['lint', '.', '--changed-since', 'HEAD', '--format', 'json'], repo);
    const found = findingsOf(review.stdout);
    assert.ok(found.includes('app.js:6 code-route-without-auth'), found.join('\n'));
    assert.ok(found.includes('openapi.yaml:3 oas-server-plain-http'), found.join('\n'));
    assert.ok(!found.includes('app.js:4 code-route-without-auth'), 'the finding that was already there is not new');
    assert.ok(
      found.every((f) => f.startsWith('openapi.yaml:') || f === 'app.js:6 code-route-without-auth'),
      found.join('\n'),
    );
    assert.equal(review.code, 1, 'the new errors fail the build');
    assert.match(
      review.stderr,
      /Only findings on lines changed since HEAD: 2 changed files linted, 1 finding on other lines not reported\./,
    );

    // staged changes count as well; once committed, nothing is new
    git(repo, 'add', '.');
    assert.deepEqual(
      findingsOf(runCli(['lint', '.', '--changed-since', 'HEAD', '--format', 'json'], repo).stdout),
      found,
    );
    git(repo, 'commit', '-q', '-m', 'insecure change');
    const clean = runCli(['lint', '.', '--changed-since', 'HEAD', '--format', 'json'], repo);
    assert.deepEqual(findingsOf(clean.stdout), []);
    assert.equal(clean.code, 0);
    // against the first commit, the change is the DELETE route and the spec again
    const sinceFirst = runCli(['lint', '.', '--changed-since', 'HEAD~1', '--format', 'json'], repo);
    assert.deepEqual(findingsOf(sinceFirst.stdout), found);
  },
);

test('lint --changed-since: outside a repository, or with an unknown revision, a usage error', () => {
  const folder = realpathSync(mkdtempSync(path.join(tmpdir(), 'apiwarden-norepo-')));
  writeFileSync(path.join(folder, 'openapi.yaml'), 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\n');
  const outside = runCli(['lint', '.', '--changed-since', 'HEAD'], folder, {
    GIT_CEILING_DIRECTORIES: path.dirname(folder),
  });
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /--changed-since: .* is not inside a git repository/);

  git(folder, 'init', '-q');
  const unknown = runCli(['lint', '.', '--changed-since', 'no-such-branch'], folder);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--changed-since: git knows no revision no-such-branch/);
  const option = runCli(['lint', '.', '--changed-since=--output=/tmp/x'], folder);
  assert.equal(option.code, 2);
});
