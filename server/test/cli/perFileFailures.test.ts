// A folder run with a hostile file beside normal ones (issue 18): every file is reported (the hostile one with
// its input-limit finding), the exit code says "findings" (1), never "the tool failed" (2), and nothing crashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { billionLaughs, deeplyNested } from '../support/hostileSpecs';
import { ROOT, runCli } from './runCli';

test(
  'hostile files in a folder run are findings of their own; the other files are all reported',
  { timeout: 120_000 },
  () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-folder-'));
    copyFileSync(
      path.join(ROOT, 'test-fixtures/openapi/oas-password-readable/responses.yaml'),
      path.join(dir, 'a-normal.yaml'),
    );
    writeFileSync(path.join(dir, 'b-deep-flow.yaml'), deeplyNested('flow', 2_000));
    writeFileSync(path.join(dir, 'c-deep-block.yaml'), deeplyNested('block', 10_000));
    writeFileSync(path.join(dir, 'd-deep.json'), deeplyNested('json', 100_000));
    writeFileSync(path.join(dir, 'e-laughs.yaml'), billionLaughs('schema'));
    copyFileSync(
      path.join(ROOT, 'test-fixtures/openapi/oas-password-readable/responses.yaml'),
      path.join(dir, 'f-normal.yaml'),
    );
    const { code, stdout, stderr } = runCli(['lint', dir, '--format', 'json']);
    assert.equal(code, 1, stderr);
    assert.doesNotMatch(stderr, /crashed/);
    const report = JSON.parse(stdout) as { summary: { files: number }; findings: { path: string; ruleId: string }[] };
    assert.equal(report.summary.files, 6);
    const rulesOf = (name: string) =>
      [...new Set(report.findings.filter((f) => path.basename(f.path) === name).map((f) => f.ruleId))].sort();
    assert.ok(rulesOf('a-normal.yaml').includes('oas-password-readable'));
    assert.deepEqual(rulesOf('a-normal.yaml'), rulesOf('f-normal.yaml'));
    assert.deepEqual(rulesOf('b-deep-flow.yaml'), ['oas-nesting-too-deep']);
    assert.deepEqual(rulesOf('c-deep-block.yaml'), ['oas-nesting-too-deep']);
    assert.deepEqual(rulesOf('d-deep.json'), ['oas-nesting-too-deep']);
    assert.deepEqual(rulesOf('e-laughs.yaml'), ['oas-alias-expansion-limit']);
  },
);
