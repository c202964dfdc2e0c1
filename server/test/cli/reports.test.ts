// The machine-readable reports: JSON against its published schema, SARIF locations outside the working folder,
// fingerprints that survive line moves, and where rule links point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { PUBLISHED_RULE_DOCS_URL } from '../../src/engine/rules/ruleDocs';
import { fingerprints } from '../../src/cli/formatters/fingerprints';
import type { Finding } from '../../src/engine/findings';
import { ROOT, runCli } from './runCli';

const PASSWORD_FIXTURE = 'test-fixtures/openapi/oas-password-readable/responses.yaml';
const SCHEMA = path.join(ROOT, 'docs', 'schemas', 'apiwarden-lint-output.schema.json');

interface JsonFinding {
  ruleId: string;
  severity: string;
  uri: string;
  path: string;
  docUrl: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

test('json output validates against docs/schemas/apiwarden-lint-output.schema.json, with 1-based line/column', () => {
  const { stdout } = runCli(['lint', 'test-fixtures', '--format', 'json', '--fail-on', 'never']);
  const report = JSON.parse(stdout) as { findings: JsonFinding[] };
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
  assert.ok(validate(report), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  assert.ok(
    report.findings.some((f) => f.ruleId.startsWith('code-')) &&
      report.findings.some((f) => f.ruleId.startsWith('oas-')),
  );
  for (const f of report.findings) {
    assert.deepEqual(
      [f.line, f.column, f.endLine, f.endColumn],
      [f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1],
    );
    assert.equal(f.docUrl, `${PUBLISHED_RULE_DOCS_URL}${f.ruleId}.md`);
  }
  // The schema is not vacuous: a 0-based line, an unknown field and a missing count are each rejected.
  const first = report.findings[0]!;
  for (const broken of [
    { ...report, findings: [{ ...first, line: 0 }] },
    { ...report, findings: [{ ...first, extra: true }] },
    { ...report, summary: { ...(report as unknown as { summary: object }).summary, notShown: undefined } },
  ])
    assert.equal(validate(JSON.parse(JSON.stringify(broken))), false);
  // The stylish position of the same finding is the JSON line:column.
  const password = runCli(['lint', PASSWORD_FIXTURE, '--format', 'json']);
  const finding = (JSON.parse(password.stdout) as { findings: JsonFinding[] }).findings.find(
    (f) => f.ruleId === 'oas-password-readable' && f.line === 56,
  );
  assert.ok(finding);
  assert.match(
    runCli(['lint', PASSWORD_FIXTURE]).stdout,
    new RegExp(`^ {2}${finding.line}:${finding.column} +error`, 'm'),
  );
});

test('--docs-base-url and APIWARDEN_DOCS_BASE_URL move the rule links of JSON and SARIF reports', () => {
  const docUrls = (args: string[], env = {}) =>
    (
      JSON.parse(runCli(['lint', PASSWORD_FIXTURE, '--format', 'json', ...args], undefined, env).stdout) as {
        findings: JsonFinding[];
      }
    ).findings.map((f) => f.docUrl);
  const flag = docUrls(['--docs-base-url', 'https://docs.example.com/apiwarden/rules']);
  assert.ok(flag.length > 0);
  assert.ok(
    flag.every((u) => /^https:\/\/docs\.example\.com\/apiwarden\/rules\/[a-z0-9-]+\.md$/.test(u)),
    flag[0],
  );
  const env = docUrls([], { APIWARDEN_DOCS_BASE_URL: 'https://mirror.example.org/r/' });
  assert.ok(
    env.every((u) => u.startsWith('https://mirror.example.org/r/oas-')),
    env[0],
  );
  const sarif = JSON.parse(
    runCli(['lint', PASSWORD_FIXTURE, '--format', 'sarif', '--docs-base-url', 'https://docs.example.com/r/']).stdout,
  ) as Log;
  assert.ok(sarif.runs[0]!.tool.driver.rules!.every((r) => r.helpUri === `https://docs.example.com/r/${r.id}.md`));
  const invalid = runCli(['lint', PASSWORD_FIXTURE, '--docs-base-url', 'docs/rules']);
  assert.equal(invalid.code, 2);
  assert.match(invalid.stderr, /--docs-base-url.*absolute URL/);
});

test('sarif: a file outside the working folder keeps its absolute file URI, without a base id', () => {
  const elsewhere = mkdtempSync(path.join(tmpdir(), 'apiwarden-sarif-cwd-'));
  try {
    const file = path.join(ROOT, PASSWORD_FIXTURE);
    const log = JSON.parse(runCli(['lint', file, '--format', 'sarif'], elsewhere).stdout) as Log;
    const locations = log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!);
    assert.ok(locations.length > 0);
    for (const location of locations) assert.deepEqual(location, { uri: pathToFileURL(file).href });
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('sarif fingerprints stay the same when lines are inserted above the findings', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-fingerprints-'));
  try {
    cpSync(path.join(ROOT, PASSWORD_FIXTURE), path.join(dir, 'spec.yaml'));
    cpSync(path.join(ROOT, 'test-fixtures', 'code', 'express', 'basic'), path.join(dir, 'app'), { recursive: true });
    const results = () =>
      (
        JSON.parse(runCli(['lint', '.', '--format', 'sarif', '--fail-on', 'never'], dir).stdout) as Log
      ).runs[0]!.results!.map((r) => ({
        key: `${r.ruleId} ${r.locations![0]!.physicalLocation!.artifactLocation!.uri}`,
        line: r.locations![0]!.physicalLocation!.region!.startLine!,
        fingerprint: r.partialFingerprints!['apiwarden/v1']!,
      }));
    const before = results();
    assert.ok(before.some((r) => r.key.includes('spec.yaml')) && before.some((r) => r.key.includes('app/app.js')));
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ya?ml|js)$/.test(f))) {
      const full = path.join(dir, file);
      writeFileSync(full, '\n\n\n' + readFileSync(full, 'utf8'));
    }
    const after = results();
    assert.equal(after.length, before.length);
    const byFingerprint = new Map(after.map((r) => [r.fingerprint, r]));
    for (const r of before) {
      const moved = byFingerprint.get(r.fingerprint);
      assert.ok(moved, `${r.key} at line ${r.line} kept its fingerprint`);
      assert.equal(moved.key, r.key);
      assert.equal(moved.line, r.line + 3, 'the finding did move');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fingerprints tell apart findings of one rule on identical lines, and change with what is flagged', () => {
  const finding = (line: number, message = 'Route without auth at line ' + (line + 1)): Finding => ({
    ruleId: 'code-route-without-auth',
    severity: 'error',
    message,
    uri: 'file:///p/app.js',
    range: { start: { line, character: 0 }, end: { line, character: 3 } },
    fixable: false,
  });
  const lines = ["app.get('/a', h);", "app.get('/a', h);", "app.get('/b', h);"];
  const sources = { fileKey: () => 'app.js', lineText: (_uri: string, line: number) => lines[line] };
  const [first, second, third] = fingerprints([finding(0), finding(1), finding(2)], sources);
  assert.notEqual(first, second, 'the same text twice: told apart by occurrence');
  assert.notEqual(second, third);
  // A line number quoted in the message does not count.
  assert.deepEqual(fingerprints([finding(0, 'at line 1')], sources), fingerprints([finding(0, 'at line 9')], sources));
  assert.notDeepEqual(fingerprints([finding(0, 'GET /a')], sources), fingerprints([finding(0, 'GET /b')], sources));
});

test('an OpenAPI finding keeps its fingerprint when an identical fault is added above it (told apart by JSON path)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-fingerprints-path-'));
  const operation = (name: string) =>
    [
      `  /${name}:`,
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema:',
      '              type: object',
      '              properties:',
      '                note:',
      '                  type: string',
      '      responses:',
      "        '204':",
      '          description: ok',
    ].join('\n');
  const spec = (names: string[]) =>
    ['openapi: 3.0.3', 'info: { title: t, version: "1" }', 'paths:', ...names.map(operation), ''].join('\n');
  const lint = () =>
    (
      JSON.parse(runCli(['lint', 'spec.yaml', '--format', 'sarif', '--fail-on', 'never'], dir).stdout) as Log
    ).runs[0]!.results!.filter((r) => r.ruleId === 'oas-string-unbounded').map(
      (r) => r.partialFingerprints!['apiwarden/v1']!,
    );
  try {
    writeFileSync(path.join(dir, 'spec.yaml'), spec(['alpha', 'beta']));
    const before = lint();
    assert.equal(before.length, 2, 'one unbounded string per operation');
    writeFileSync(path.join(dir, 'spec.yaml'), spec(['aardvark', 'alpha', 'beta']));
    const after = lint();
    assert.equal(after.length, 3);
    // Same rule, same line text, same message: only the JSON path tells the old findings from the new one.
    // Document order: /alpha and /beta were first and second, are now second and third.
    assert.deepEqual(after.slice(1), before, '/alpha and /beta kept their fingerprints');
    assert.ok(!before.includes(after[0]!), 'the new finding has a fingerprint of its own');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
