// Command-line edges: paths that match nothing, unknown rule ids, the severity words, what is printed
// (--quiet, --min-severity, --format summary) and the per-rule table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './runCli';

const PASSWORD_FIXTURE = 'test-fixtures/openapi/oas-password-readable/responses.yaml';
const WARNINGS_ONLY = 'test-fixtures/openapi/oas-http-basic-auth/schemes.yaml';
const INFO_ONLY = 'test-fixtures/openapi/oas-oauth2-refresh-url-missing/flows.yaml';

test('a path that does not exist or a glob that matches nothing is a usage error naming it', () => {
  const missing = runCli(['lint', 'nosuch.yaml']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^error: no such file or folder: nosuch\.yaml$/m);
  assert.doesNotMatch(missing.stdout, /No problems found/);
  const glob = runCli(['lint', 'test-fixtures/**/*.nosuch']);
  assert.equal(glob.code, 2);
  assert.match(glob.stderr, /^error: no file matches test-fixtures\/\*\*\/\*\.nosuch$/m);
  // One typo among good paths fails too, and is the one named.
  const mixed = runCli(['lint', PASSWORD_FIXTURE, 'test-fixtures/openapi/nosuch-folder']);
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /no such file or folder: test-fixtures\/openapi\/nosuch-folder/);
  assert.doesNotMatch(mixed.stderr, /responses\.yaml/);
  assert.equal(runCli(['lint', 'test-fixtures/openapi/oas-password-readable/*.yaml', '--fail-on', 'never']).code, 0);
});

test('an unknown rule id in --rule is a usage error with a suggestion', () => {
  const typo = runCli(['lint', PASSWORD_FIXTURE, '--rule', 'oas-pasword-readable=off']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /Unknown rule id "oas-pasword-readable"\. Did you mean oas-password-readable\?/);
  const noPrefix = runCli(['lint', PASSWORD_FIXTURE, '--rule', 'password-readable=off']);
  assert.equal(noPrefix.code, 2);
  assert.match(noPrefix.stderr, /Did you mean oas-password-readable\?/);
  const nothingClose = runCli(['lint', PASSWORD_FIXTURE, '--rule', 'zzzzzzzzzzzzzzzzzz=off']);
  assert.equal(nothingClose.code, 2);
  assert.match(nothingClose.stderr, /Unknown rule id "zzzzzzzzzzzzzzzzzz"\. The rules are listed/);
});

test('--fail-on and --rule take the same severity words; warn is an alias of warning', () => {
  assert.equal(runCli(['lint', WARNINGS_ONLY, '--fail-on', 'warning']).code, 1);
  assert.equal(runCli(['lint', WARNINGS_ONLY, '--fail-on', 'warn']).code, 1);
  assert.equal(runCli(['lint', INFO_ONLY, '--fail-on', 'warning']).code, 0);
  assert.equal(runCli(['lint', INFO_ONLY, '--fail-on', 'info']).code, 1);
  assert.equal(
    runCli(['lint', INFO_ONLY, '--fail-on', 'info', '--rule', 'oas-oauth2-refresh-url-missing=hint']).code,
    0,
  );
  assert.equal(
    runCli(['lint', INFO_ONLY, '--fail-on', 'hint', '--rule', 'oas-oauth2-refresh-url-missing=hint']).code,
    1,
  );
  const warn = runCli(['lint', INFO_ONLY, '--format', 'json', '--rule', 'oas-oauth2-refresh-url-missing=warn']);
  assert.deepEqual(
    (JSON.parse(warn.stdout) as { findings: { severity: string }[] }).findings.map((f) => f.severity),
    ['warning'],
  );
  assert.equal(runCli(['lint', INFO_ONLY, '--fail-on', 'severe']).code, 2);
});

test('--min-severity and --quiet choose what is reported; --fail-on still sees every finding', () => {
  const all = JSON.parse(
    runCli(['lint', 'test-fixtures/openapi', '--format', 'json', '--fail-on', 'never']).stdout,
  ) as {
    findings: { severity: string }[];
  };
  const warnings = runCli([
    'lint',
    'test-fixtures/openapi',
    '--format',
    'json',
    '--fail-on',
    'never',
    '--min-severity',
    'warning',
  ]);
  const shown = JSON.parse(warnings.stdout) as {
    summary: { findings: number; notShown: number; info: number };
    findings: { severity: string }[];
  };
  const expected = all.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
  assert.ok(expected > 0 && expected < all.findings.length);
  assert.equal(shown.findings.length, expected);
  assert.equal(shown.summary.info, 0);
  assert.equal(shown.summary.notShown, all.findings.length - expected);
  assert.match(
    warnings.stderr,
    // (the suppression fixtures add "; N suppressed in the source")
    new RegExp(
      `; ${all.findings.length - expected} problems below warning not shown(; \\d+ suppressed in the source)?\\.$`,
      'm',
    ),
  );

  const quiet = runCli(['lint', WARNINGS_ONLY, '--quiet', '--fail-on', 'warning']);
  assert.equal(quiet.code, 1, 'hidden warnings still fail --fail-on warning');
  assert.doesNotMatch(quiet.stdout, /warning {2}/);
  assert.match(
    quiet.stdout,
    /^No problems at error or above; 1 file linted \(1 OpenAPI, 0 code\); 3 problems below error not shown\.\n$/,
  );
  const quietErrors = runCli(['lint', PASSWORD_FIXTURE, '-q', '--fail-on', 'never']);
  assert.match(quietErrors.stdout, / error +Property `password`/);
  assert.doesNotMatch(quietErrors.stdout, /^ +\d+:\d+ +(warning|info|hint) /m);
  assert.equal(runCli(['lint', PASSWORD_FIXTURE, '--quiet', '--min-severity', 'info']).code, 2);
});

test('stylish ends with findings per rule, most frequent first, then the summary line; --format summary prints only those', () => {
  const json = JSON.parse(
    runCli(['lint', 'test-fixtures/openapi/oas-password-readable', '--format', 'json', '--fail-on', 'never']).stdout,
  ) as {
    findings: { ruleId: string; severity: string }[];
  };
  const counts = new Map<string, number>();
  for (const f of json.findings)
    counts.set(`${f.ruleId} ${f.severity}`, (counts.get(`${f.ruleId} ${f.severity}`) ?? 0) + 1);
  assert.ok(counts.size > 2);

  const stylish = runCli(['lint', 'test-fixtures/openapi/oas-password-readable', '--fail-on', 'never']).stdout;
  const lines = stylish.trimEnd().split('\n');
  const header = lines.findIndex((l) => /^rule +severity +count$/.test(l));
  assert.ok(header > 0, stylish);
  const rows = lines.slice(header + 1, -2).map((l) => {
    const [ruleId, severity, count] = l.trim().split(/ +/);
    return { key: `${ruleId} ${severity}`, count: Number(count) };
  });
  assert.deepEqual(new Map(rows.map((r) => [r.key, r.count])), counts);
  assert.deepEqual(
    rows.map((r) => r.count),
    [...rows.map((r) => r.count)].sort((a, b) => b - a),
    'sorted by count',
  );
  assert.equal(lines.at(-2), '');
  assert.match(lines.at(-1)!, /^\d+ problems .* linted \(\d+ OpenAPI, 0 code\)\.$/);

  const summary = runCli([
    'lint',
    'test-fixtures/openapi/oas-password-readable',
    '--format',
    'summary',
    '--fail-on',
    'never',
  ]);
  assert.equal(summary.code, 0);
  assert.equal(summary.stdout, lines.slice(header).join('\n') + '\n');
  assert.equal(runCli(['lint', 'test-fixtures/openapi/oas-password-readable', '--format', 'summary']).code, 1);
});
