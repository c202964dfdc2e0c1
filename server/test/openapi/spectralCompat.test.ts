// Our ruleset in plain Spectral: the built file loads with `spectral lint -r`, a team's YAML ruleset can
// `extends` it and turn a rule off, and documentation links are valid URLs. Runs the real @stoplight/spectral-cli.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { recommendedRules } from '@apiwarden/rulesets';
import { FIXTURES_ROOT } from '../support/fixtureRunner';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SPECTRAL_CLI = path.join(ROOT, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');
let work: string;
let rulesetFile: string;

interface SpectralResult {
  code: string;
  path: (string | number)[];
  message: string;
  severity: number;
  range: { start: { line: number; character: number } };
  source: string;
}

function spectralLint(ruleset: string, file: string): SpectralResult[] {
  return JSON.parse(spectralRun(ruleset, file, 'json')) as SpectralResult[];
}

function spectralRun(ruleset: string, file: string, format: string): string {
  const run = spawnSync(process.execPath, [SPECTRAL_CLI, 'lint', '-r', ruleset, '-f', format, '--quiet', file], {
    cwd: work,
    encoding: 'utf8',
  });
  // Exit code 1 means "errors found"; anything else, or no JSON, is a failure to run.
  assert.ok(run.status === 0 || run.status === 1, `spectral exited ${run.status}: ${run.stderr}`);
  assert.doesNotMatch(run.stderr, /failed and was skipped|Error/i, run.stderr);
  return run.stdout;
}

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'apiwarden-spectral-'));
  const { buildRuleset } = await import(path.join(ROOT, 'scripts', 'buildRuleset.mjs'));
  rulesetFile = await buildRuleset(path.join(work, 'apiwarden-recommended.js'));
  copyFileSync(
    path.join(FIXTURES_ROOT, 'openapi', 'oas-password-readable', 'responses.yaml'),
    path.join(work, 'responses.yaml'),
  );
});

test("spectral lint -r <our ruleset> reports our rules on the fixture's lines", () => {
  const results = spectralLint(rulesetFile, path.join(work, 'responses.yaml'));
  const password = results.filter((r) => r.code === 'oas-password-readable').map((r) => r.range.start.line);
  // The lines of the engine's fixture expectations (zero-based): session_password, password, passwordHash.
  // (Spectral starts a mapping's range after its key; our engine narrows it to the key.)
  assert.deepEqual(
    password.sort((a, b) => a - b),
    [42, 55, 58],
  );
  assert.ok(results.every((r) => r.source === path.join(work, 'responses.yaml')));
  const codes = new Set(results.map((r) => r.code));
  for (const id of ['oas-auth-error-responses-missing', 'oas-rate-limit-undocumented', 'oas-operation-unidentified'])
    assert.ok(codes.has(id), `${id} missing`);
  for (const code of codes)
    assert.ok(
      recommendedRules.some((r) => r.id === code),
      `unexpected code ${code}`,
    );
});

test('a team ruleset (YAML) extends ours and turns a rule off', () => {
  writeFileSync(
    path.join(work, '.spectral.yaml'),
    [
      'extends:',
      '  - ./apiwarden-recommended.js',
      'rules:',
      '  oas-rate-limit-undocumented: off',
      '  oas-password-readable: warn',
      '',
    ].join('\n'),
  );
  const results = spectralLint(path.join(work, '.spectral.yaml'), path.join(work, 'responses.yaml'));
  const codes = new Set(results.map((r) => r.code));
  assert.ok(!codes.has('oas-rate-limit-undocumented'), 'the rule turned off still reported');
  assert.ok(codes.has('oas-auth-error-responses-missing'));
  const password = results.filter((r) => r.code === 'oas-password-readable');
  assert.equal(password.length, 3);
  assert.ok(
    password.every((r) => r.severity === 1),
    'severity override to warn not applied',
  );
});

test('every rule carries a valid documentation URL (SARIF helpUri)', async () => {
  const sarif = JSON.parse(spectralRun(rulesetFile, path.join(work, 'responses.yaml'), 'sarif')) as {
    runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[];
  };
  const rules = sarif.runs[0]!.tool.driver.rules;
  assert.ok(rules.length > 5);
  const { docsBaseUrl } = await import(path.join(ROOT, 'scripts', 'buildRuleset.mjs'));
  for (const rule of rules) {
    assert.ok(rule.helpUri, `${rule.id} has no documentation URL`);
    const url = new URL(rule.helpUri);
    assert.match(url.protocol, /^https?:$/);
    assert.equal(url.href, `${docsBaseUrl()}${rule.id}.md`);
  }
});
