// Re-linting after edits reuses the previous tree (incremental parse) and the facts of unchanged statements;
// the result must be exactly what a from-scratch lint gives. Positions are UTF-16 columns, also after
// non-ASCII text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, diskFileReader, Engine, OverlayFileReader, pathToUri, type Finding } from '../../src/engine';
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

test('editing the module a constant is imported from re-judges the importing file, without a change to it', async () => {
  // The editor's view: the worker's engine over open buffers, kept between lints (statement reports are cached).
  const folder = path.join(FIXTURES_ROOT, 'code', 'express', 'imported-config');
  const overlay = new OverlayFileReader();
  const engine = new Engine({ fileReader: overlay, incremental: true });
  const app = pathToUri(path.join(folder, 'app.ts'));
  const corsConfig = pathToUri(path.join(folder, 'config', 'cors.ts'));
  const appText = readFileSync(path.join(folder, 'app.ts'), 'utf8');
  const original = readFileSync(path.join(folder, 'config', 'cors.ts'), 'utf8');
  const corsFindings = async () => {
    const result = await engine.lint({ uri: app, text: appText, settings: DEFAULT_SETTINGS });
    assert.ok(result.dependencies.includes(corsConfig), 'the exporting module is a dependency of the lint');
    return result.findings
      .filter((f) => f.ruleId === 'code-cors-any-origin-with-credentials')
      .map((f) => `${f.range.start.line + 1}: ${/\(`\w+`, defined on line \d+ of [\w/.]+\)/.exec(f.message)?.[0]}`);
  };
  // The config module is edited in the editor (it is not handler code: its lint only notes its new text).
  const editConfig = async (text: string) => {
    overlay.set(corsConfig, text);
    assert.equal((await engine.lint({ uri: corsConfig, text, settings: DEFAULT_SETTINGS })).kind, 'none');
  };
  const before = await corsFindings();
  assert.deepEqual(before, [
    '7: (`corsOptions`, defined on line 2 of config/cors.ts)',
    '10: (`legacyCors`, defined on line 7 of config/cors.ts)',
    '12: (`defaultCors`, defined on line 9 of config/cors.ts)',
  ]);

  // corsOptions gets an explicit origin: its finding goes, the others stay.
  await editConfig(
    original.replace(
      '{ origin: true, credentials: true };\n\nexport const partnerCors',
      "{ origin: ['https://app.example.com'], credentials: true };\n\nexport const partnerCors",
    ),
  );
  assert.deepEqual(await corsFindings(), before.slice(1));
  // A line added above the constants: the messages name their new lines.
  await editConfig('// shared CORS settings\n' + original);
  assert.deepEqual(await corsFindings(), [
    '7: (`corsOptions`, defined on line 3 of config/cors.ts)',
    '10: (`legacyCors`, defined on line 8 of config/cors.ts)',
    '12: (`defaultCors`, defined on line 10 of config/cors.ts)',
  ]);
  // partnerCors opens up to every origin: app.ts gains its finding.
  await editConfig(original.replace("origin: ['https://partner.example.com']", "origin: '*'"));
  assert.deepEqual(
    (await corsFindings()).map((f) => f.split(':')[0]),
    ['7', '9', '10', '12'],
  );
  // The editor closes it without saving: the file on disk counts again.
  overlay.delete(corsConfig);
  engine.forget(corsConfig);
  assert.deepEqual(await corsFindings(), before);
});
