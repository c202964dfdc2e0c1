// The CI formats on the sample workspace: GitHub workflow commands (escaped as the runner reads them), JUnit XML
// (well-formed, one suite per linted file, one failure per finding), a Markdown summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ROOT, runCli } from './runCli';

const WORKSPACE = path.join(ROOT, 'test-fixtures', 'workspaces', 'bookshop-api');

function jsonFindings(): { ruleId: string; path: string; line: number; severity: string }[] {
  return JSON.parse(runCli(['lint', '.', '--format', 'json'], WORKSPACE).stdout).findings;
}

test('--format github: one workflow command per finding, with file, line, column and an escaped message', () => {
  const expected = jsonFindings();
  const run = runCli(['lint', '.', '--format', 'github'], WORKSPACE);
  assert.equal(run.code, 1);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.length, expected.length);
  for (const line of lines)
    assert.match(
      line,
      /^::(error|warning|notice) file=[^,:]+,line=\d+,endLine=\d+,col=\d+(,endColumn=\d+)?,title=[^,:]+::[^\n]+$/,
    );
  const http = lines.find((l) => l.includes('oas-server-plain-http'))!;
  assert.match(
    http,
    /^::error file=openapi\/bookshop\.yaml,line=9,endLine=9,col=10,endColumn=\d+,title=oas-server-plain-http \(OWASP API8%3A2023\)::Server `http:\/\/staging/,
  );
  assert.ok(
    lines.some((l) => l.startsWith('::notice ')),
    'info findings are notices',
  );
  assert.match(run.stderr, /problems \(.*\) in \d+ files; \d+ files linted/, 'the summary line goes to stderr');
});

test('--format junit: well-formed XML, a suite per linted file, a failure per finding', () => {
  const expected = jsonFindings();
  const run = runCli(['lint', '.', '--format', 'junit'], WORKSPACE);
  assert.equal(XMLValidator.validate(run.stdout), true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  }).parse(run.stdout);
  const suites = doc.testsuites.testsuite as {
    '@_name': string;
    '@_failures': string;
    testcase: { failure?: { '@_type': string } }[];
  }[];
  assert.equal(Number(doc.testsuites['@_failures']), expected.length);
  const files = suites.map((s) => s['@_name']).sort();
  assert.ok(files.includes('src/server.ts') && files.includes('openapi/bookshop.yaml'), files.join(', '));
  const failures = suites.flatMap((s) =>
    s.testcase.filter((c) => c.failure).map((c) => `${s['@_name']} ${c.failure!['@_type']}`),
  );
  assert.deepEqual(failures.sort(), expected.map((f) => `${f.path} ${f.ruleId}`).sort());
  // a linted file without findings is a passing suite
  const passing = suites.filter((s) => s['@_failures'] === '0');
  assert.ok(passing.every((s) => s.testcase.length === 1 && !s.testcase[0]!.failure));
});

test('--format markdown: counts, the rules with their OWASP category and links, the findings', () => {
  const run = runCli(['lint', '.', '--format', 'markdown'], WORKSPACE);
  assert.match(
    run.stdout,
    /^## API Warden\n\n\*\*\d+ problems\*\* \(\d+ error, \d+ warning, \d+ info, 0 hint\); \d+ files linted/,
  );
  assert.match(
    run.stdout,
    /\| \[oas-server-plain-http\]\(https:\/\/github\.com\/apiwarden\/api-warden\/blob\/main\/docs\/rules\/oas-server-plain-http\.md\) .* \| API8:2023 \| error \| 1 \|/,
  );
  assert.match(
    run.stdout,
    /\| 🔴 error \| `src\/server\.ts:15` \| code-route-without-auth \| `GET \/v1\/admin\/orders\/export` has no authentication/,
  );
  const clean = runCli(['lint', 'package.json', '--format', 'markdown'], WORKSPACE);
  assert.match(clean.stdout, /No API security problems found/);
});
