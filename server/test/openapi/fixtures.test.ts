// Every OpenAPI rule against its fixtures: test-fixtures/openapi/<rule-id>/ must produce exactly the findings
// marked in its files (carets, expect:, *.expected.json) and none on the ok: lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { compareWithExpectations, FIXTURES_ROOT, lintFixtureFolder } from '../support/fixtureRunner';

const openapiFixtures = path.join(FIXTURES_ROOT, 'openapi');

for (const ruleId of readdirSync(openapiFixtures).sort()) {
  test(`fixtures: ${ruleId}`, async () => {
    const folder = path.join(openapiFixtures, ruleId);
    const findings = await lintFixtureFolder(folder);
    const problems = compareWithExpectations(folder, findings, new Set([ruleId]));
    assert.deepEqual(problems, [], `fixture expectations for ${ruleId} do not hold:\n${problems.join('\n')}`);
  });
}
