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
import { applyTextEdit, pick, randomEdit, seededRandom, type TextEdit } from '../support/randomEdits';

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
      if (!isDeepStrictEqual(ours, reference) && mismatches.length < 5)
        mismatches.push(`${JSON.stringify(at)}: ${JSON.stringify(ours)} vs ${JSON.stringify(reference)}`);
      if (value && typeof value === 'object')
        for (const key of Object.keys(value))
          visit((value as Record<string, unknown>)[key], [...at, Array.isArray(value) ? Number(key) : key]);
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
  assert.ok(
    syntax.every((f) => f.range.start.line >= 12),
    `errors stay in the broken entry: ${JSON.stringify(syntax.map((f) => f.range.start))}`,
  );
  // The server and the intact path item are still checked.
  assert.ok(result.findings.some((f) => f.ruleId === 'oas-server-plain-http' && f.range.start.line === 5));
  assert.ok(result.findings.some((f) => f.ruleId === 'oas-operation-without-security' && f.range.start.line === 8));
});

test('a bare word where an entry should start and a repeated key are reported where they are', async () => {
  const bare = SPEC.replace('  /b:\n', '  nonsense\n  /b:\n');
  const bareFindings = (await new Engine().lint({ uri: 'file:///virtual/bare.yaml', text: bare })).findings.filter(
    (f) => f.ruleId === 'oas-syntax-error',
  );
  assert.deepEqual(
    bareFindings.map((f) => f.range),
    [{ start: { line: 12, character: 2 }, end: { line: 12, character: 10 } }],
  );
  const repeated = SPEC.replace('  /b:\n', '  /a:\n');
  const repeatedFindings = (
    await new Engine().lint({ uri: 'file:///virtual/repeated.yaml', text: repeated })
  ).findings.filter((f) => f.ruleId === 'oas-syntax-error');
  assert.equal(repeatedFindings.length, 1);
  assert.equal(repeatedFindings[0]!.range.start.line, 12);
  assert.match(repeatedFindings[0]!.message, /Duplicate key/);
});

test('an edit re-parses only the entry it touches', () => {
  const parser = new ChunkedYamlParser();
  parser.parse(SPEC);
  parser.parse(SPEC.replace('description: OK\n  /b', 'description: Fine\n  /b'));
  assert.deepEqual(parser.stats, { chunks: 2, reparsed: 1, whole: 0 });
  // An edit of the head (outside every entry) while the first entry goes back to its earlier text: that entry
  // is parsed again (an edited entry's earlier parse is not kept), the other one is reused.
  parser.parse(SPEC.replace('title: Two path items', 'title: Renamed'));
  assert.deepEqual(parser.stats, { chunks: 2, reparsed: 1, whole: 0 });
  parser.parse(
    SPEC.replace('title: Two path items', 'title: Renamed').replace('description: OK\n', 'description: Typed\n'),
  );
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
    [
      'a new entry typed inside another',
      (t) => t.replace('          description: OK\n  /b:', '          description: OK\n  /c:\n    get: {}\n  /b:'),
    ],
    ['an entry deleted', (t) => t.replace('  /c:\n    get: {}\n', '')],
    ['a line joined to the next entry', (t) => t.replace('description: OK\n  /b:', 'description: OK  /b:')],
    ['the join undone', (t) => t.replace('description: OK  /b:', 'description: OK\n  /b:')],
    ['a second document started', (t) => `${t}---\nother: 1\n`],
    ['typing at the very end', (t) => t.replace(/---\nother: 1\n$/, '') + '# end'],
    ['a key less indented inside an entry', (t) => t.replace('      responses:', 'x: 1\n      responses:')],
  ];
  for (const [what, edit] of steps) {
    text = edit(text);
    const incremental = parser.parse(text);
    const fresh = new ChunkedYamlParser().parse(text);
    assert.deepEqual(JSON.parse(JSON.stringify(incremental.data)), JSON.parse(JSON.stringify(fresh.data)), what);
    assert.deepEqual(
      incremental.diagnostics.map((d) => [d.message, d.range.start.line]),
      fresh.diagnostics.map((d) => [d.message, d.range.start.line]),
      what,
    );
  }
});

/** The entries' places as the parser laid them out: must be what a scan of the whole text finds. */
function layoutOf(result: ReturnType<ChunkedYamlParser['parse']>): unknown {
  return result.chunked?.containers.map((c) => [
    c.path.join('.'),
    c.chunks.map((chunk) => [chunk.startOffset, chunk.endOffset, chunk.startLine, chunk.keys.join(',')]),
  ]);
}

/** Edits that add, remove, split, join and re-indent entries, or touch the document outside them. */
function structuralEdit(text: string, random: () => number): TextEdit {
  const lines = [...text.matchAll(/^.*$/gm)];
  const at = (pattern: RegExp) => {
    const matching = lines.filter((line) => pattern.test(line[0]));
    return matching.length > 0
      ? matching[Math.floor(random() * matching.length)]!
      : lines[Math.floor(random() * lines.length)]!;
  };
  const choice = Math.floor(random() * 9);
  if (choice === 0) {
    const entry = at(/^ {2}\/\S*:\s*$/); // a new path item before another one
    return {
      offset: entry.index,
      length: 0,
      text: `  /added${Math.floor(random() * 100)}:\n    get:\n      responses: {}\n`,
      kind: 'insert an entry',
    };
  }
  if (choice === 1) {
    const entry = at(/^ {2}\/\S*:\s*$/); // a path item deleted with its body
    const next = text.slice(entry.index + 1).search(/\n {0,2}\S/);
    return {
      offset: entry.index,
      length: next === -1 ? text.length - entry.index : next + 2,
      text: '',
      kind: 'delete an entry',
    };
  }
  if (choice === 2) {
    const end = /^(components|webhooks|tags|security|servers|x-[\w-]+):/m.exec(text.slice(text.indexOf('\npaths:')));
    const offset = end ? text.indexOf('\npaths:') + end.index : text.length;
    return { offset, length: 0, text: `  /appended:\n    post:\n      responses: {}\n`, kind: 'append an entry' };
  }
  if (choice === 3) {
    const line = at(/^ {2}(title|version|description|url): /);
    return {
      offset: line.index + line[0].length,
      length: 0,
      text: pick(random, [' x', 'y', ' # note'])!,
      kind: 'edit the head',
    };
  }
  if (choice === 4) {
    const line = at(/^ {4}\S/); // a line of an entry pulled out of its block, or made a sequence item
    return {
      offset: line.index,
      length: 4,
      text: pick(random, ['', '  ', '  - ', ':', '#'])!,
      kind: 're-indent a line',
    };
  }
  if (choice === 5) {
    const line = at(/^ {2}\S/); // an entry's key line turned into something else
    return {
      offset: line.index + 2,
      length: 0,
      text: pick(random, ['# ', ': ', '- ', ' ', 'x\n'])!,
      kind: 'break a key line',
    };
  }
  // A random stretch replaced: anything from a keystroke to pasted lines across entry boundaries.
  const offset = Math.floor(random() * text.length);
  const length = Math.floor(random() * 60);
  const insert = Array.from({ length: Math.floor(random() * 4) }, () =>
    pick(random, ['a', ' ', '\n', '\n  ', '\n    ', ':', '#', '  /p:\n    get: {}\n', '\nzz: 1\n'])!,
  ).join('');
  return { offset, length: Math.min(length, text.length - offset), text: insert, kind: 'replace a stretch' };
}

for (const [file, edits] of [
  ['petstore-oas3.0.yaml', 150],
  ['museum-oas3.1.yaml', 150],
  ['twilio-api-v2010-oas3.0.yaml', 12],
] as const) {
  test(`after edits that move entries, the layout, data and diagnostics equal a fresh parse: ${file}`, () => {
    const original = readFileSync(corpusFile(file), 'utf8');
    const random = seededRandom(20261122);
    const parser = new ChunkedYamlParser();
    let text = original;
    parser.parse(text);
    const parseAndCompare = (what: string) => {
      const incremental = parser.parse(text);
      const fresh = new ChunkedYamlParser().parse(text);
      assert.deepEqual(layoutOf(incremental), layoutOf(fresh), what);
      assert.deepEqual(
        JSON.parse(JSON.stringify(incremental.data ?? null)),
        JSON.parse(JSON.stringify(fresh.data ?? null)),
        what,
      );
      assert.deepEqual(
        incremental.diagnostics.map((d) => [d.message, d.range.start.line]),
        fresh.diagnostics.map((d) => [d.message, d.range.start.line]),
        what,
      );
      return incremental;
    };
    for (let i = 0; i < edits; i++) {
      const structural = random() < 0.5;
      const edit = structural ? structuralEdit(text, random) : randomEdit(text, random);
      const before = text;
      text = applyTextEdit(text, edit);
      const what = `edit ${i}: ${edit.kind} at ${edit.offset} (${JSON.stringify(edit.text)}, ${edit.length} replaced)`;
      const result = parseAndCompare(what);
      // Most broken or oddly shaped documents are repaired soon, as a person does; some stay so for a while.
      if ((result.diagnostics.length > 0 || structural) && random() < 0.7) {
        text = before;
        parseAndCompare(`undo of ${what}`);
      }
    }
  });
}

test('adding, deleting and appending entries and editing the head re-parse only what changed', () => {
  const parser = new ChunkedYamlParser();
  let text = SPEC;
  parser.parse(text);
  const steps: [string, (t: string) => string, number][] = [
    ['an entry added before the first one', (t) => t.replace('paths:\n', 'paths:\n  /new:\n    get: {}\n'), 1],
    ['an entry added at the end', (t) => `${t}  /last:\n    post: {}\n`, 1],
    [
      'an entry deleted',
      (t) => t.replace("  /b:\n    get:\n      responses:\n        '200':\n          description: OK\n", ''),
      0,
    ],
    [
      'two entries pasted between two others',
      (t) => t.replace('  /last:', '  /p1:\n    get: {}\n  /p2:\n    put: {}\n  /last:'),
      2,
    ],
    ['the title edited', (t) => t.replace('title: Two path items', 'title: Two path items v2'), 0],
    ['a server added', (t) => t.replace('  - url: http://api.example.com', '  - url: http://api.example.com # old'), 0],
  ];
  for (const [what, edit, reparsed] of steps) {
    text = edit(text);
    const result = parser.parse(text);
    assert.deepEqual(parser.stats.whole, 0, what);
    assert.equal(parser.stats.reparsed, reparsed, what);
    assert.deepEqual(layoutOf(result), layoutOf(new ChunkedYamlParser().parse(text)), what);
  }
});

test('a one-line edit of a container key or of the lines before its first entry is laid out afresh', () => {
  const spec = `${SPEC}components:\n  # the schemas\n  schemas:\n    # first\n    A:\n      type: string\n    B:\n      type: integer\n`;
  const steps: [string, (t: string) => string][] = [
    ['a comment before the first entry edited', (t) => t.replace('    # first', '    # first one')],
    ['the container key renamed', (t) => t.replace('  schemas:', '  schemaz:')],
    ['the container key renamed back', (t) => t.replace('  schemaz:', '  schemas:')],
    ['the comment turned into an entry', (t) => t.replace('    # first one', '    first: {}')],
    ['a comment line under components edited', (t) => t.replace('  # the schemas', '  # the schemas!')],
  ];
  const parser = new ChunkedYamlParser();
  let text = spec;
  parser.parse(text);
  for (const [what, edit] of steps) {
    text = edit(text);
    assert.deepEqual(layoutOf(parser.parse(text)), layoutOf(new ChunkedYamlParser().parse(text)), what);
  }
});
