// `apiwarden baseline` then `lint --baseline`: the findings a project has today are written once; later runs
// report only new ones, also after lines moved, from any working directory; a bad baseline is a usage error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from './runCli';

const APP = [
  "const express = require('express');",
  'const app = express();',
  "app.post('/api/orders', (req, res) => res.status(201).json(req.body));",
  "app.delete('/api/orders/:id', (req, res) => res.sendStatus(204));",
  'module.exports = app;',
  '',
].join('\n');
const SPEC =
  'openapi: 3.0.3\ninfo: { title: t, version: "1" }\nservers: [{ url: "http://api.example.com" }]\npaths: {}\n';

interface JsonReport {
  findings: { ruleId: string; path: string; line: number }[];
}
const findingsOf = (stdout: string) =>
  (JSON.parse(stdout) as JsonReport).findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`).sort();

test('baseline round trip: only new findings are reported, and lines may move', { timeout: 60_000 }, () => {
  const project = realpathSync(mkdtempSync(path.join(tmpdir(), 'apiwarden-baseline-')));
  mkdirSync(path.join(project, 'src'));
  writeFileSync(path.join(project, 'package.json'), '{ "dependencies": { "express": "^4.19.2" } }\n');
  writeFileSync(path.join(project, 'src', 'app.js'), APP);
  writeFileSync(path.join(project, 'openapi.yaml'), SPEC);

  const before = findingsOf(runCli(['lint', '.', '--format', 'json'], project).stdout);
  assert.ok(before.length >= 3, before.join('\n'));

  const written = runCli(['baseline', '.'], project);
  assert.equal(written.code, 0, written.stderr);
  assert.match(
    written.stderr,
    new RegExp(`Wrote ${before.length} findings of 2 files to the baseline \\.apiwarden-baseline\\.json`),
  );
  const baselineFile = path.join(project, '.apiwarden-baseline.json');
  const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as { version: number; findings: { file: string }[] };
  assert.equal(baseline.version, 1);
  assert.deepEqual([...new Set(baseline.findings.map((f) => f.file))].sort(), ['openapi.yaml', 'src/app.js']);
  // the same findings write the same bytes
  const again = readFileSync(baselineFile, 'utf8');
  runCli(['baseline', '.'], project);
  assert.equal(readFileSync(baselineFile, 'utf8'), again);

  const clean = runCli(['lint', '.', '--baseline', '.apiwarden-baseline.json', '--format', 'json'], project);
  assert.deepEqual(findingsOf(clean.stdout), []);
  assert.equal(clean.code, 0);
  assert.match(
    clean.stderr,
    new RegExp(`${before.length} findings of the baseline \\.apiwarden-baseline\\.json not reported`),
  );

  // lines move above the known findings, and a new open route arrives
  writeFileSync(
    path.join(project, 'src', 'app.js'),
    APP.replace('const app = express();', '// orders\n\nconst app = express();').replace(
      'module.exports = app;',
      "app.put('/api/users/:id/role', (req, res) => res.json(req.body));\nmodule.exports = app;",
    ),
  );
  const later = runCli(
    ['lint', 'src', '--baseline', path.join(project, '.apiwarden-baseline.json'), '--format', 'json'],
    project,
  );
  assert.deepEqual(findingsOf(later.stdout), ['src/app.js:7 code-route-without-auth']);
  assert.equal(later.code, 1);
  // from another working directory, through a relative path
  const elsewhere = runCli(
    ['lint', path.join(project, 'src'), '--baseline', path.relative(tmpdir(), baselineFile), '--format', 'json'],
    tmpdir(),
  );
  assert.equal(findingsOf(elsewhere.stdout).length, 1, elsewhere.stdout);
});

test('lint --baseline: a missing or foreign baseline file is a usage error', () => {
  const project = realpathSync(mkdtempSync(path.join(tmpdir(), 'apiwarden-baseline-bad-')));
  writeFileSync(path.join(project, 'openapi.yaml'), SPEC);
  const missing = runCli(['lint', '.', '--baseline', 'nope.json'], project);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read the baseline nope\.json/);
  writeFileSync(path.join(project, 'other.json'), '{ "results": [] }');
  const foreign = runCli(['lint', 'openapi.yaml', '--baseline', 'other.json'], project);
  assert.equal(foreign.code, 2);
  assert.match(foreign.stderr, /is not an API Warden baseline/);
});
