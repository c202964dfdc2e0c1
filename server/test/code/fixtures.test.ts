// Every framework's fixtures: test-fixtures/code/<framework>/ must produce exactly the code findings marked in
// its files (carets, expect:) and none on the ok: lines. Every code rule is checked in every folder, so a
// finding nobody marked fails the test too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CODE_RULES } from '../../src/engine/code/rules/index.generated';
import { compareWithExpectations, FIXTURES_ROOT, lintFixtureFolder } from '../support/fixtureRunner';

const codeFixtures = path.join(FIXTURES_ROOT, 'code');

for (const framework of readdirSync(codeFixtures).sort()) {
  test(`code fixtures: ${framework}`, async () => {
    const folder = path.join(codeFixtures, framework);
    const findings = await lintFixtureFolder(folder);
    const problems = compareWithExpectations(folder, findings, new Set(CODE_RULES.map((r) => r.id)));
    assert.deepEqual(problems, [], `fixture expectations for ${framework} do not hold:\n${problems.join('\n')}`);
  });
}
