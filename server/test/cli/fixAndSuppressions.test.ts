// The bundled CLI on suppressions and `--fix`: suppressed findings leave the report and the verdict but appear in
// SARIF with their justification and in the summary count; `--fix` rewrites the files on disk, says what it
// changed, and a second run changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Log } from 'sarif';
import { ROOT, runCli } from './runCli';

const SUPPRESSION_FIXTURES = path.join(ROOT, 'test-fixtures', 'openapi', 'apiwarden-unused-suppression');

test('sarif lists suppressed findings with suppressions[].justification; stylish counts them and omits them', () => {
  const sarif = runCli(['lint', SUPPRESSION_FIXTURES, '--format', 'sarif']);
  const log = JSON.parse(sarif.stdout) as Log;
  const suppressed = log.runs[0]!.results!.filter((r) => r.suppressions?.length);
  const justifications = suppressed.map((r) => `${r.ruleId}: ${r.suppressions![0]!.justification}`).sort();
  assert.deepEqual(justifications, [
    'oas-operation-unidentified: probed by the load balancer, never called from generated clients',
    'oas-operation-without-security: sign-up is open to anyone',
    'oas-server-plain-http: mesh-internal, mTLS by the sidecar',
    'oas-server-plain-http: retired in June',
    'oas-server-plain-http: the staging proxy terminates TLS in front of it',
  ]);
  assert.ok(suppressed.every((r) => r.suppressions![0]!.kind === 'inSource'));
  const stylish = runCli(['lint', SUPPRESSION_FIXTURES]);
  assert.match(stylish.stdout, /; 5 suppressed in the source\.\n$/);
  assert.doesNotMatch(stylish.stdout, /retired in June|staging\.example\.com/);
});

test('a suppressed error does not fail the build', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-suppressed-verdict-'));
  try {
    const spec = readFileSync(path.join(ROOT, 'test-fixtures/openapi/oas-server-plain-http/servers.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'spec.yaml'), spec);
    assert.equal(runCli(['lint', 'spec.yaml', '--quiet'], dir).code, 1, 'unsuppressed, the plain-http errors fail');
    const silenced = spec.replace(
      /^( *)- url: (http|HTTP|"http):/gm,
      '$1# apiwarden-disable-next-line oas-server-plain-http -- lab\n$&',
    );
    writeFileSync(path.join(dir, 'spec.yaml'), silenced);
    const run = runCli(['lint', 'spec.yaml', '--quiet'], dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix applies the safe fixes on disk, prints what it changed, and a second --fix changes nothing', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-fix-'));
  try {
    cpSync(path.join(ROOT, 'test-fixtures/openapi/oas-server-plain-http/servers.yaml'), path.join(dir, 'servers.yaml'));
    cpSync(path.join(ROOT, 'test-fixtures/openapi/oas-password-readable'), path.join(dir, 'passwords'), {
      recursive: true,
    });
    const before = runCli(['lint', '.', '--format', 'json'], dir);
    const countOf = (stdout: string, rule: string) =>
      (JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId === rule).length;
    assert.ok(
      countOf(before.stdout, 'oas-password-readable') > 0 && countOf(before.stdout, 'oas-server-plain-http') > 0,
    );

    const onlyHttps = runCli(['lint', '.', '--fix', '--rule', 'oas-server-plain-http', '--format', 'json'], dir);
    assert.match(onlyHttps.stderr, /^Fixed 3 problems in 1 file:\n {2}servers\.yaml: oas-server-plain-http ×3\n/);
    assert.equal(countOf(onlyHttps.stdout, 'oas-server-plain-http'), 0);
    assert.ok(countOf(onlyHttps.stdout, 'oas-password-readable') > 0, '--rule limits what is fixed');

    const all = runCli(['lint', '.', '--fix', '--format', 'json'], dir);
    assert.match(all.stderr, /^Fixed \d+ problems? in \d+ files?:\n {2}passwords\//);
    assert.equal(countOf(all.stdout, 'oas-password-readable'), 0);
    const snapshot = readFileSync(path.join(dir, 'servers.yaml'), 'utf8');
    const again = runCli(['lint', '.', '--fix'], dir);
    assert.match(again.stderr, /^No problems with a safe fix found; no file changed\./);
    assert.equal(readFileSync(path.join(dir, 'servers.yaml'), 'utf8'), snapshot);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bare --rule <id> without --fix is a usage error', () => {
  const run = runCli(['lint', SUPPRESSION_FIXTURES, '--rule', 'oas-server-plain-http']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /only for --fix/);
});
