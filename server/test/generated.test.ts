// The registries derived from the rule and adapter files (scripts/generate.ts) are up to date: a rule added
// without `npm run generate`, or a generated file edited by hand, fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staleFiles } from '../../scripts/generate';

test('generated registries match the rule and adapter files (run npm run generate)', async () => {
  assert.deepEqual(await staleFiles(), []);
});
