// Parsing by entries must be exact on valid documents (same data, same locations as a whole parse), keep a
// syntax error local to its entry, and re-parse only what changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { getLocationForJsonPath } from '@stoplight/yaml';
import { ChunkedYamlParser, chunkedYamlSpectralParser, parseYamlWhole } from '../../src/engine/openapi/chunkedYaml';
import { Engine } from '../../src/engine';
import { corpusFile } from '../support/corpus';


for (const file of ['petstore-oas3.0.yaml', 'museum-oas3.1.yaml', 'twilio-api-v2010-oas3.0.yaml']) {
  test(`parsing by entries equals a whole parse: ${file}`, () => {
    const text = readFileSync(corpusFile(file), 'utf8');
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
  // An edit of the head (outside every entry) while the first entry goes back to its earlier text: that entry
  // is parsed again (an edited entry's earlier parse is not kept), the other one is reused.
  parser.parse(SPEC.replace('title: Two path items', 'title: Renamed'));
  assert.deepEqual(parser.stats, { chunks: 2, reparsed: 1, whole: 0 });
  parser.parse(SPEC.replace('title: Two path items', 'title: Renamed').replace("description: OK\n", "description: Typed\n"));
  assert.deepEqual(parser.stats, { chunks: 2, reparsed: 1, whole: 0 });
});

test('anchors and aliases across entries fall back to a whole parse', () => {
  const text = `openapi: 3.0.3\ninfo:\n  title: t\n  version: 1\npaths:\n  /a:\n    get: &op\n      responses: {}\n  /b:\n    get: *op\n`;
  const parser = new ChunkedYamlParser();
  const result = parser.parse(text);
  assert.equal(parser.stats.whole, 1);
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(JSON.parse(JSON.stringify(result.data)), JSON.parse(JSON.stringify(parseYamlWhole(text).data)));
});

test('edits that move entry boundaries are seen: the result always equals a fresh parse', () => {
  const parser = new ChunkedYamlParser();
  let text = SPEC;
  parser.parse(text);
  const steps: [string, (t: string) => string][] = [
    ['a new entry typed inside another', (t) => t.replace("          description: OK\n  /b:", "          description: OK\n  /c:\n    get: {}\n  /b:")],
    ['an entry deleted', (t) => t.replace("  /c:\n    get: {}\n", '')],
    ['a line joined to the next entry', (t) => t.replace("description: OK\n  /b:", "description: OK  /b:")],
    ['the join undone', (t) => t.replace("description: OK  /b:", "description: OK\n  /b:")],
    ['a second document started', (t) => `${t}---\nother: 1\n`],
    ['typing at the very end', (t) => t.replace(/---\nother: 1\n$/, '') + '# end'],
    ['a key less indented inside an entry', (t) => t.replace('      responses:', 'x: 1\n      responses:')],
  ];
  for (const [what, edit] of steps) {
    text = edit(text);
    const incremental = parser.parse(text);
    const fresh = new ChunkedYamlParser().parse(text);
    assert.deepEqual(JSON.parse(JSON.stringify(incremental.data)), JSON.parse(JSON.stringify(fresh.data)), what);
    assert.deepEqual(incremental.diagnostics.map((d) => [d.message, d.range.start.line]), fresh.diagnostics.map((d) => [d.message, d.range.start.line]), what);
  }
});
