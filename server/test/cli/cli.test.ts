// The bundled CLI (dist/cli.js) as CI runs it: formats, exit codes, SARIF validity, and the same findings as
// the language server for the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { pathToUri } from '../../src/engine/uris';
import { TestLspClient } from '../support/lspClient';
import { FIXTURES_ROOT } from '../support/fixtureRunner';
import type { Log } from 'sarif';
import { pathToFileURL } from 'node:url';
import { PUBLISHED_RULE_DOCS_URL, REPOSITORY_URL } from '../../src/engine/rules/ruleDocs';
import { VERSION } from '../../src/version';
import { CLI, ROOT, runCli } from './runCli';

const PASSWORD_FIXTURE = 'test-fixtures/openapi/oas-password-readable/responses.yaml';

test('stylish output lists findings per file with a summary line and exits 1 on errors', () => {
  const { code, stdout } = runCli(['lint', PASSWORD_FIXTURE]);
  assert.equal(code, 1);
  assert.match(stdout, /oas-password-readable/);
  assert.match(stdout, /^ {2}56:9 +error +Property `password` can be returned in responses/m);
  assert.match(
    stdout,
    /\n\d+ problems? \(\d+ errors?, \d+ warnings?(?:, \d+ infos?)?(?:, \d+ hints?)?\) in 1 file; 1 file linted \(1 OpenAPI, 0 code\)\.\n$/,
  );
});

test('json output is parseable and carries rule metadata and doc links; the summary goes to stderr', () => {
  const { code, stdout, stderr } = runCli(['lint', PASSWORD_FIXTURE, '--format', 'json']);
  assert.equal(code, 1);
  const report = JSON.parse(stdout) as {
    summary: { files: number; openapiFiles: number; codeFiles: number; findings: number; error: number };
    findings: { ruleId: string; owasp?: string; docUrl: string; path: string; range: unknown }[];
  };
  assert.equal(report.summary.files, 1);
  assert.equal(report.summary.openapiFiles, 1);
  assert.equal(report.summary.codeFiles, 0);
  assert.equal(report.summary.findings, report.findings.length);
  const finding = report.findings.find((f) => f.ruleId === 'oas-password-readable')!;
  assert.equal(finding.owasp, 'API3:2023');
  assert.match(finding.docUrl, /docs\/rules\/oas-password-readable\.md$/);
  assert.equal(finding.path, PASSWORD_FIXTURE);
  assert.match(
    stderr,
    new RegExp(
      `^${report.findings.length} problems \\(${report.summary.error} errors?, .*\\) in 1 file; 1 file linted \\(1 OpenAPI, 0 code\\)\\.$`,
      'm',
    ),
  );
});

test('sarif output validates against the SARIF 2.1.0 schema', () => {
  const { code, stdout } = runCli(['lint', 'test-fixtures/openapi', '--format', 'sarif', '--fail-on', 'never']);
  assert.equal(code, 0);
  const log = JSON.parse(stdout) as { runs: { results: never[]; tool: { driver: { rules: { id: string }[] } } }[] };
  const schema = JSON.parse(
    readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  );
  // The official schema has a pattern that is not valid with the u flag (^[a-zA-Z]{2}|…]?$); compile it as written.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  // The validator is not vacuous: a wrong level is rejected.
  const broken = JSON.parse(stdout);
  broken.runs[0].results[0].level = 'severe';
  assert.equal(validate(broken), false);
  const results = log.runs[0].results as {
    ruleId: string;
    locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  }[];
  assert.ok(results.length > 10);
  const password = results.find(
    (r) =>
      r.ruleId === 'oas-password-readable' &&
      r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('responses.yaml'),
  );
  assert.ok(password);
  assert.equal(password.locations[0]!.physicalLocation.artifactLocation.uri, PASSWORD_FIXTURE);
  // Rules referenced by results are described in the driver.
  const ruleIds = new Set(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id));
  for (const r of results) assert.ok(ruleIds.has(r.ruleId));
});

test('sarif output is portable: relative locations, published help links, the repository, fingerprints', () => {
  const { stdout } = runCli(['lint', 'test-fixtures', '--format', 'sarif', '--fail-on', 'never']);
  const run = (JSON.parse(stdout) as Log).runs[0]!;
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(ROOT).href + '/' } });
  const driver = run.tool.driver;
  assert.equal(driver.informationUri, REPOSITORY_URL);
  assert.equal(driver.version, VERSION);
  for (const rule of driver.rules!) {
    assert.equal(rule.helpUri, `${PUBLISHED_RULE_DOCS_URL}${rule.id}.md`);
    assert.ok(existsSync(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`)), `the published page of ${rule.id} exists`);
  }
  const results = run.results!;
  assert.ok(results.some((r) => r.ruleId!.startsWith('code-')) && results.some((r) => r.ruleId!.startsWith('oas-')));
  for (const r of results) {
    const location = r.locations![0]!.physicalLocation!.artifactLocation!;
    assert.equal(location.uriBaseId, '%SRCROOT%');
    assert.match(location.uri!, /^test-fixtures\/[^:]+$/, 'relative to the working folder, no scheme');
  }
  const prints = results.map((r) => r.partialFingerprints?.['apiwarden/v1']);
  assert.ok(prints.every((p) => typeof p === 'string' && /^[0-9a-f]{32}$/.test(p)));
  assert.equal(new Set(prints).size, prints.length, 'every result has its own fingerprint');
  // No local link anywhere but the root the relative locations resolve against.
  const { originalUriBaseIds: _root, ...rest } = run;
  assert.doesNotMatch(JSON.stringify(rest), /file:/);
});

test('exit codes: --fail-on decides between 0 and 1; usage errors and unknown options give 2', () => {
  const warningsOnly = 'test-fixtures/openapi/oas-http-basic-auth/schemes.yaml';
  assert.equal(runCli(['lint', warningsOnly]).code, 0, 'warnings do not fail --fail-on error');
  assert.equal(runCli(['lint', warningsOnly, '--fail-on', 'warn']).code, 1);
  assert.equal(runCli(['lint', PASSWORD_FIXTURE, '--fail-on', 'never']).code, 0);
  assert.equal(runCli(['lint', PASSWORD_FIXTURE, '--format', 'xml']).code, 2);
  assert.equal(runCli(['lint', '--no-such-flag']).code, 2);
  assert.equal(runCli(['frobnicate']).code, 2);
  const clean = runCli(['lint', 'test-fixtures/openapi/oas-syntax-error/valid.yaml']);
  assert.equal(clean.code, 0);
  assert.match(clean.stdout, /^No problems found; 1 file linted \(1 OpenAPI, 0 code\)\.$/m);
});

test('--rule turns a rule off or changes its severity', () => {
  const off = runCli([
    'lint',
    PASSWORD_FIXTURE,
    '--format',
    'json',
    '--rule',
    'oas-password-readable=off',
    '--fail-on',
    'never',
  ]);
  assert.equal(
    JSON.parse(off.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'oas-password-readable').length,
    0,
  );
  const info = runCli([
    'lint',
    PASSWORD_FIXTURE,
    '--format',
    'json',
    '--rule',
    'oas-password-readable=info',
    '--fail-on',
    'never',
  ]);
  const severities = JSON.parse(info.stdout)
    .findings.filter((f: { ruleId: string }) => f.ruleId === 'oas-password-readable')
    .map((f: { severity: string }) => f.severity);
  assert.ok(severities.length > 0 && severities.every((s: string) => s === 'info'));
  assert.equal(runCli(['lint', PASSWORD_FIXTURE, '--rule', 'nonsense']).code, 2);
});

test('--sensitive-name and --not-sensitive teach the sensitive-data classifier; a wrong class is a usage error', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-cli-sensitive-'));
  try {
    writeFileSync(
      path.join(dir, 'spec.yaml'),
      [
        'openapi: 3.0.3',
        'info: { title: Members, version: 1.0.0 }',
        'paths:',
        '  /members:',
        '    get:',
        '      responses:',
        '        "200":',
        '          description: ok',
        '          content:',
        '            application/json:',
        '              schema:',
        '                type: object',
        '                properties:',
        '                  loyaltyNumber: { type: string }',
        '                  ssn: { type: string }',
        '',
      ].join('\n'),
    );
    const flagged = (args: string[]) => {
      const result = runCli(['lint', 'spec.yaml', '--format', 'json', '--fail-on', 'never', ...args], dir);
      assert.equal(result.code, 0, result.stderr);
      const findings = JSON.parse(result.stdout).findings as {
        ruleId: string;
        message: string;
        dataClasses?: string[];
      }[];
      return findings
        .filter((f) => f.ruleId === 'oas-sensitive-data-in-response')
        .map((f) => `${/`(\w+)`/.exec(f.message)?.[1]}:${f.dataClasses?.join(',')}`);
    };
    assert.deepEqual(flagged([]), ['ssn:government-id']);
    assert.deepEqual(flagged(['--sensitive-name', 'pii=loyaltyNumber', '--not-sensitive', 'ssn']), [
      'loyaltyNumber:pii',
    ]);
    assert.equal(runCli(['lint', 'spec.yaml', '--sensitive-name', 'secret=loyaltyNumber'], dir).code, 2);
    assert.equal(runCli(['lint', 'spec.yaml', '--sensitive-name', 'loyaltyNumber'], dir).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a broken file, a binary file and an empty folder give messages, not crashes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-cli-'));
  try {
    writeFileSync(path.join(dir, 'binary.yaml'), Buffer.from([0, 1, 2, 255, 254, 0, 10, 13, 0x6f, 0x70]));
    writeFileSync(path.join(dir, 'broken.yaml'), 'openapi: 3.0.0\ninfo: [unclosed\npaths:\n');
    const result = runCli(['lint', dir, '--format', 'json']);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout).findings as { ruleId: string; path: string }[];
    assert.ok(findings.some((f) => f.ruleId === 'oas-syntax-error' && f.path.endsWith('broken.yaml')));
    assert.ok(!findings.some((f) => f.path.endsWith('binary.yaml')), 'a binary file is not an OpenAPI document');
    const empty = mkdtempSync(path.join(tmpdir(), 'apiwarden-empty-'));
    const none = runCli(['lint', empty]);
    assert.equal(none.code, 0);
    assert.match(none.stderr, /No OpenAPI documents or API handler code found in /);
    assert.match(none.stdout, /No problems found; 0 files linted \(0 OpenAPI, 0 code\)\./);
    rmSync(empty, { recursive: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI and the language server report the same findings for the same file', async () => {
  const file = path.join(FIXTURES_ROOT, 'openapi', 'oas-operation-without-security', 'no-global-security.yaml');
  const cli = JSON.parse(runCli(['lint', file, '--format', 'json', '--fail-on', 'never']).stdout).findings as {
    ruleId: string;
    range: unknown;
    message: string;
  }[];
  const client = new TestLspClient({ settings: {} });
  try {
    await client.initialize();
    const uri = pathToUri(file);
    await client.open(uri, readFileSync(file, 'utf8'));
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const fromServer = published.diagnostics.map((d) => ({
      ruleId: d.code,
      range: d.range,
      message: String(d.message),
    }));
    const fromCli = cli.map((f) => ({ ruleId: f.ruleId, range: f.range, message: f.message }));
    const sort = (list: { ruleId: unknown; range: unknown; message: string }[]) =>
      [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    assert.ok(fromCli.length > 0);
    assert.deepEqual(sort(fromServer), sort(fromCli));
  } finally {
    await client.shutdown();
  }
});

test("the compiled-code cache is written once per build and old builds' caches do not pile up", () => {
  const cacheHome = mkdtempSync(path.join(tmpdir(), 'apiwarden-cache-'));
  try {
    const folder = path.join(cacheHome, 'apiwarden');
    mkdirSync(folder, { recursive: true });
    // Six caches of earlier builds, the newest last.
    for (let i = 0; i < 6; i++) {
      const stale = path.join(folder, `cli-old-build-${i}.v8cache`);
      writeFileSync(stale, 'stale');
      utimesSync(stale, 1_700_000_000 + i, 1_700_000_000 + i);
    }
    const run = () =>
      spawnSync(process.execPath, [CLI, '--version'], {
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: cacheHome },
      });
    assert.equal(run().status, 0);
    const after = readdirSync(folder).sort();
    const current = after.filter((name) => !name.startsWith('cli-old-build-'));
    assert.equal(current.length, 1, `one cache for this build: ${after.join(', ')}`);
    assert.deepEqual(
      after.filter((name) => name.startsWith('cli-old-build-')),
      ['cli-old-build-3.v8cache', 'cli-old-build-4.v8cache', 'cli-old-build-5.v8cache'],
    );
    // The next run reads it and leaves it alone.
    const written = readFileSync(path.join(folder, current[0]!));
    const second = run();
    assert.equal(second.status, 0);
    assert.match(second.stdout, /^\d+\.\d+\.\d+/);
    assert.ok(readFileSync(path.join(folder, current[0]!)).equals(written));
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
});
