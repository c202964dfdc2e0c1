// Parsing by entries must be exact on valid documents (same data, same locations as a whole parse), keep a
// syntax error local to its entry, and re-parse only what changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { getLocationForJsonPath } from '@stoplight/yaml';
import { ChunkedYamlParser, chunkedYamlSpectralParser, parseYamlWhole } from '../../src/engine/openapi/chunkedYaml';
import { Engine } from '../../src/engine';

const CORPUS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'openapi');

for (const file of ['petstore-oas3.0.yaml', 'museum-oas3.1.yaml', 'twilio-api-v2010-oas3.0.yaml']) {
  test(`parsing by entries equals a whole parse: ${file}`, () => {
    const text = readFileSync(path.join(CORPUS, file), 'utf8');
    const parser = new ChunkedYamlParser();
    const chunked = parser.parse(text);
    const whole = parseYamlWhole(text);
    assert.ok(chunked.chunked, 'the document was parsed by entries');
    assert.ok(parser.stats.chunks > 10);
    assert.deepEqual(JSON.parse(JSON.stringify(chunked.data)), JSON.parse(JSON.stringify(whole.data)));
    assert.deepEqual(chunked.diagnostics, []);
    // Every node's location (up to a few thousand, depth first) is the one a whole parse gives.
    const spectralParser = chunkedYamlSpectralParser(parser);
    let checked = 0;
    const mismatches: string[] = [];
    const visit = (value: unknown, at: (string | number)[]) => {
      if (checked++ > 5000) return;
      const ours = spectralParser.getLocationForJsonPath(chunked, at)?.range;
      const reference = getLocationForJsonPath(whole as never, at)?.range;
      if (!isDeepStrictEqual(ours, reference) && mismatches.length < 5) mismatches.push(`${JSON.stringify(at)}: ${JSON.stringify(ours)} vs ${JSON.stringify(reference)}`);
      if (value && typeof value === 'object') for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key], [...at, Array.isArray(value) ? Number(key) : key]);
    };
    visit(whole.data, []);
    assert.deepEqual(mismatches, []);
  });
}

const SPEC = `openapi: 3.0.3
info:
  title: Two path items
  version: 1.0.0
servers:
  - url: http://api.example.com
paths:
  /a:
    get:
      responses:
        '200':
          description: OK
  /b:
    get:
      responses:
        '200':
          description: OK
`;

test('a half-typed entry is an error of that entry only; the rest keeps its findings', async () => {
  const broken = SPEC.replace('  /b:\n', '  /b\n'); // the colon is still missing
  const result = await new Engine().lint({ uri: 'file:///virtual/half.yaml', text: broken });
  const syntax = result.findings.filter((f) => f.ruleId === 'oas-syntax-error');
  assert.ok(syntax.length >= 1);
  assert.ok(syntax.every((f) => f.range.start.line >= 12), `errors stay in the broken entry: ${JSON.stringify(syntax.map((f) => f.range.start))}`);
  // The server and the intact path item are still checked.
  assert.ok(result.findings.some((f) => f.ruleId === 'oas-server-plain-http' && f.range.start.line === 5));
  assert.ok(result.findings.some((f) => f.ruleId === 'oas-operation-without-security' && f.range.start.line === 8));
});

test('a bare word where an entry should start and a repeated key are reported where they are', async () => {
  const bare = SPEC.replace('  /b:\n', '  nonsense\n  /b:\n');
  const bareFindings = (await new Engine().lint({ uri: 'file:///virtual/bare.yaml', text: bare })).findings.filter((f) => f.ruleId === 'oas-syntax-error');
  assert.deepEqual(bareFindings.map((f) => f.range), [{ start: { line: 12, character: 2 }, end: { line: 12, character: 10 } }]);
  const repeated = SPEC.replace('  /b:\n', '  /a:\n');
  const repeatedFindings = (await new Engine().lint({ uri: 'file:///virtual/repeated.yaml', text: repeated })).findings.filter((f) => f.ruleId === 'oas-syntax-error');
  assert.equal(repeatedFindings.length, 1);
  assert.equal(repeatedFindings[0]!.range.start.line, 12);
  assert.match(repeatedFindings[0]!.message, /Duplicate key/);
});

test('an edit re-parses only the entry it touches', () => {
  const parser = new ChunkedYamlParser();
  parser.parse(SPEC);
  parser.parse(SPEC.replace("description: OK\n  /b", "description: Fine\n  /b"));
  assert.deepEqual(parser.stats, { chunks: 2, reparsed: 1, whole: 0 });
  parser.parse(SPEC.replace('title: Two path items', 'title: Renamed'));
  assert.equal(parser.stats.reparsed, 1, 'the entry edited before is parsed again, the other one is reused');
});

test('anchors and aliases across entries fall back to a whole parse', () => {
  const text = `openapi: 3.0.3\ninfo:\n  title: t\n  version: 1\npaths:\n  /a:\n    get: &op\n      responses: {}\n  /b:\n    get: *op\n`;
  const parser = new ChunkedYamlParser();
  const result = parser.parse(text);
  assert.equal(parser.stats.whole, 1);
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(JSON.parse(JSON.stringify(result.data)), JSON.parse(JSON.stringify(parseYamlWhole(text).data)));
});
