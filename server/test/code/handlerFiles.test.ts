// A route declared in one file whose handler lives in another (`app.get(path, auth, retrieveBasket())` with the
// handler imported from routes/basket.ts, as juice-shop and most controller layouts write it): what is wrong in
// the handler is reported in the handler's file, at its own lines, and the messages' line numbers are that file's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURES_ROOT, lintFixtureFolder } from '../support/fixtureRunner';

const folder = path.join(FIXTURES_ROOT, 'code', 'express', 'imported-handlers');

test('findings about an imported handler land in its file, with that file’s line numbers', async () => {
  const byFile = await lintFixtureFolder(folder);
  const of = (name: string) => byFile.get(path.join(folder, name)) ?? [];
  assert.deepEqual(
    of('server.ts').map((f) => f.ruleId),
    ['code-missing-rate-limit'],
    'the declaring file keeps only what is about the declaration',
  );
  const [lookup] = of('routes/basket.ts');
  assert.equal(lookup?.ruleId, 'code-object-lookup-without-ownership');
  assert.equal(lookup.range.start.line + 1, 8);
  assert.match(lookup.message, /\(from the request, line 7\) on line 8,/);
  // A span in another file than the report's is named with its path from the report's folder.
  assert.match(of('server.ts')[0]!.message, /line 7 of routes\/chat\.ts\)/);
  // Suppressions are read from the file the finding lands in.
  assert.deepEqual(
    of('routes/avatar.ts').map((f) => `${f.ruleId}:${f.range.start.line + 1}`),
    ['code-ssrf:5'],
  );
});
