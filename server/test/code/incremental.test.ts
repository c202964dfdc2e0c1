// Re-linting after edits reuses the previous tree (incremental parse) and the facts of unchanged statements;
// the result must be exactly what a from-scratch lint gives. Positions are UTF-16 columns, also after
// non-ASCII text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, diskFileReader, pathToUri, type Finding } from '../../src/engine';
import { CodeAnalyzer } from '../../src/engine/code/lintCode';
import { FIXTURES_ROOT } from '../support/fixtureRunner';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A realistic edit: type or delete a few characters, delete or duplicate a line. */
function edit(text: string, next: () => number): string {
  const lines = text.split('\n');
  const line = Math.floor(next() * lines.length);
  const kind = next();
  if (kind < 0.35) {
    const l = lines[line]!;
    const at = Math.floor(next() * (l.length + 1));
    lines[line] =
      l.slice(0, at) + ['x', ' ', '(', "'", '}', 'req.query.url', 'é🎉'][Math.floor(next() * 7)] + l.slice(at);
  } else if (kind < 0.6) {
    const l = lines[line]!;
    const at = Math.floor(next() * l.length);
    lines[line] = l.slice(0, at) + l.slice(at + 1 + Math.floor(next() * 3));
  } else if (kind < 0.8) lines.splice(line, 1);
  else lines.splice(line, 0, lines[line]!);
  return lines.join('\n');
}

const key = (f: Finding) =>
  `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.severity} ${f.message}`;

const FILES = [
  ['express', 'ts-shop', 'src', 'routes', 'orders.ts'],
  ['express', 'basic', 'rules.js'],
  ['fastapi', 'shop', 'app', 'routers', 'chat.py'],
  ['nestjs', 'app', 'src', 'users', 'users.controller.ts'],
  ['flask', 'blog', 'api.py'],
];

for (const parts of FILES) {
  test(`incremental re-lint equals a from-scratch lint: ${parts.join('/')}`, async () => {
    const file = path.join(FIXTURES_ROOT, 'code', ...parts);
    const uri = pathToUri(file);
    const incremental = new CodeAnalyzer(diskFileReader);
    const original = readFileSync(file, 'utf8');
    let text = original;
    const next = random(parts.join('/').length * 7919);
    let reusedSomething = false;
    for (let i = 0; i < 30; i++) {
      text = edit(text, next);
      const a = await incremental.lint({ uri, text, settings: DEFAULT_SETTINGS, signal: { cancelled: false } });
      reusedSomething ||= incremental.index.extractor.lastStats.reused > 0;
      // The reference sees only the file as opened and the current text (an editor always opened the clean file
      // first, whose exports stand in while the text is half-typed), not the 25-edit history.
      const fresh = new CodeAnalyzer(diskFileReader);
      await fresh.lint({ uri, text: original, settings: DEFAULT_SETTINGS, signal: { cancelled: false } });
      fresh.index.parses.forget(uri);
      fresh.index.extractor.forget(uri);
      const b = await fresh.lint({ uri, text, settings: DEFAULT_SETTINGS, signal: { cancelled: false } });
      assert.deepEqual(a.findings.map(key), b.findings.map(key), `after edit ${i}`);
      assert.deepEqual(
        a.routes.map((r) => `${r.method} ${r.pathTemplate} ${r.range.start}-${r.range.end}`),
        b.routes.map((r) => `${r.method} ${r.pathTemplate} ${r.range.start}-${r.range.end}`),
      );
    }
    assert.ok(reusedSomething, 'unchanged statements were reused');
  });
}

test('ranges are UTF-16 columns after non-ASCII text on the same line', async () => {
  const analyzer = new CodeAnalyzer(diskFileReader);
  const file = path.join(FIXTURES_ROOT, 'code', 'express', 'basic', 'unicode.js');
  const text =
    "const express = require('express');\nconst app = express();\napp.post('/grüße/🎉', (req, res) => { const s = '€'; fetch(req.query.url).then(() => res.end()); });\n";
  const out = await analyzer.lint({
    uri: pathToUri(file),
    text,
    settings: DEFAULT_SETTINGS,
    signal: { cancelled: false },
  });
  const ssrf = out.findings.find((f) => f.ruleId === 'code-ssrf');
  assert.ok(ssrf);
  const line = text.split('\n')[2]!;
  assert.equal(ssrf.range.start.character, line.indexOf('req.query.url'));
  assert.equal(ssrf.range.end.character, line.indexOf('req.query.url') + 'req.query.url'.length);
  const auth = out.findings.find((f) => f.ruleId === 'code-route-without-auth');
  assert.equal(auth?.range.start.character, line.indexOf("'/grüße/🎉'"));
  assert.equal(auth?.range.end.character, line.indexOf("'/grüße/🎉'") + "'/grüße/🎉'".length);
});

test('a statement moved by an edit above it keeps exact positions', async () => {
  const analyzer = new CodeAnalyzer(diskFileReader);
  const file = path.join(FIXTURES_ROOT, 'code', 'express', 'basic', 'moved.js');
  const body = "app.post('/things', (req, res) => res.json(req.body));\n";
  const header = "const express = require('express');\nconst app = express();\n";
  const lint = (text: string) =>
    analyzer.lint({ uri: pathToUri(file), text, settings: DEFAULT_SETTINGS, signal: { cancelled: false } });
  const first = (await lint(header + body)).findings.find((f) => f.ruleId === 'code-route-without-auth')!;
  assert.deepEqual(first.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 18 } });
  const moved = (await lint(header + '// a comment\n// and another\n' + body)).findings.find(
    (f) => f.ruleId === 'code-route-without-auth',
  )!;
  assert.equal(analyzer.index.extractor.lastStats.reused, 3);
  assert.deepEqual(moved.range, { start: { line: 4, character: 9 }, end: { line: 4, character: 18 } });
});

test('a statement written several times is reused per occurrence: an edit re-extracts only the statement it touched', async () => {
  const analyzer = new CodeAnalyzer(diskFileReader);
  const file = path.join(FIXTURES_ROOT, 'code', 'express', 'basic', 'repeated.js');
  const uri = pathToUri(file);
  const header = "const express = require('express');\nconst app = express();\n";
  const route = "app.post('/things', (req, res) => res.json(req.body));\n";
  let other = "app.get('/health', (req, res) => res.send('ok'));\n";
  const lint = async (text: string) => {
    const out = await analyzer.lint({ uri, text, settings: DEFAULT_SETTINGS, signal: { cancelled: false } });
    const fresh = await new CodeAnalyzer(diskFileReader).lint({
      uri,
      text,
      settings: DEFAULT_SETTINGS,
      signal: { cancelled: false },
    });
    assert.deepEqual(out.findings.map(key), fresh.findings.map(key));
    const { statements, reused } = analyzer.index.extractor.lastStats;
    return { out, extracted: statements - reused };
  };
  let text = header + route + other + route + route;
  await lint(text);
  // Typing in the health route: the three copies of the other route keep their facts.
  other = other.replace("res.send('ok')", "res.send('okay')");
  text = header + route + other + route + route;
  assert.equal((await lint(text)).extracted, 1);
  // Deleting the first copy: the two left take the facts of two copies before, each at its own place.
  text = header + other + route + route;
  const afterDelete = await lint(text);
  assert.equal(afterDelete.extracted, 0);
  const unauthenticated = afterDelete.out.findings.filter(
    (f) => f.ruleId === 'code-route-without-auth' && f.message.includes('POST'),
  );
  assert.deepEqual(
    unauthenticated.map((f) => f.range.start.line),
    [3, 4],
  );
  // Editing the last copy re-extracts that copy only.
  text = header + other + route + route.replace('/things', '/things2');
  assert.equal((await lint(text)).extracted, 1);
});
