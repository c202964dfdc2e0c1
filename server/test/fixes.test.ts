// Quick-fixes: applied to real findings, re-linted; the finding goes away, the document still parses, and
// nothing else in the text changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseWithPointers } from '@stoplight/yaml';
import { Engine, LineIndex, applyEdits, computeFixes, pathToUri, type Finding } from '../src/engine';
import { FIXTURES_ROOT, fixtureFiles } from './support/fixtureRunner';

const engine = new Engine();

async function lintText(uri: string, text: string): Promise<Finding[]> {
  return (await engine.lint({ uri, text })).findings.filter((f) => f.uri === uri);
}

function parses(uri: string, text: string): boolean {
  if (uri.endsWith('.json')) {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }
  return parseWithPointers(text).diagnostics.every((d) => d.severity !== 0);
}

/** Applies the preferred fix of the first fixable finding of `ruleId` and returns the new text and findings. */
async function fixOnce(uri: string, text: string, ruleId: string) {
  const before = (await lintText(uri, text)).filter((f) => f.ruleId === ruleId);
  const target = before.find((f) => f.fixable);
  assert.ok(target, `no fixable ${ruleId} finding`);
  const [fix] = computeFixes(ruleId, target.data, text, uri);
  assert.ok(fix, `no fix offered for ${ruleId} at line ${target.range.start.line + 1}`);
  const fixed = applyEdits(text, fix.edits);
  const after = (await lintText(uri, fixed)).filter((f) => f.ruleId === ruleId);
  return { before, after, fixed, fix };
}

test('every fixable finding in the fixtures is fixed by its quick-fix and the file still parses', async () => {
  let fixedCount = 0;
  for (const file of fixtureFiles(path.join(FIXTURES_ROOT, 'openapi'))) {
    const uri = pathToUri(file);
    const text = readFileSync(file, 'utf8');
    const findings = await lintText(uri, text);
    // Only files with fixes are parsed here (the input-limit fixtures are alias bombs); files broken on purpose
    // (syntax-error fixtures) are left to fixes/fixProperties.test.ts, which checks a fix adds no error.
    if (!findings.some((f) => f.fixable) || !parses(uri, text)) continue;
    for (const finding of findings.filter((f) => f.fixable)) {
      const fixes = computeFixes(finding.ruleId, finding.data, text, uri);
      assert.ok(
        fixes.length > 0,
        `${finding.ruleId} at ${file}:${finding.range.start.line + 1} is marked fixable but has no fix`,
      );
      const fixed = applyEdits(text, fixes[0]!.edits);
      assert.ok(
        parses(uri, fixed),
        `fix for ${finding.ruleId} at ${file}:${finding.range.start.line + 1} breaks the syntax`,
      );
      const remaining = (await lintText(uri, fixed)).filter((f) => f.ruleId === finding.ruleId);
      const sameRule = findings.filter((f) => f.ruleId === finding.ruleId);
      assert.equal(
        remaining.length,
        sameRule.length - 1,
        `fix for ${finding.ruleId} at ${file}:${finding.range.start.line + 1} did not remove exactly that finding`,
      );
      // Only inserted/replaced text differs: everything before the first edit is kept byte for byte (a fix may
      // edit the document's first line: a scheme defined at the root of a JSON spec). fixes/fixProperties.test.ts
      // checks the text after the edits too.
      const lines = new LineIndex(text);
      const first = Math.min(...fixes[0]!.edits.map((e) => lines.offsetAt(e.range.start)));
      assert.equal(fixed.slice(0, first), text.slice(0, first));
      fixedCount++;
    }
  }
  assert.ok(fixedCount >= 4, `expected several fixable findings in the fixtures, fixed ${fixedCount}`);
});

const SPEC_HEAD =
  'openapi: 3.0.3\ninfo:\n  title: t\n  version: 1.0.0\nsecurity:\n  - k: []\npaths:\n  /me:\n    get:\n      responses:\n        "200":\n          description: OK\n          content:\n            application/json:\n              schema:\n';

test('writeOnly fix in block YAML keeps comments, indentation and CRLF line endings', async () => {
  const uri = 'file:///virtual/block.yaml';
  const text = (
    SPEC_HEAD +
    '                type: object\n                properties:\n                  # secret stuff\n                  password:   # keep me\n                    type: string   # trailing\n                    minLength: 8\n'
  ).replace(/\n/g, '\r\n');
  const { before, after, fixed } = await fixOnce(uri, text, 'oas-password-readable');
  assert.equal(before.length, 1);
  assert.equal(after.length, 0);
  assert.ok(
    fixed.includes(
      '                  password:   # keep me\r\n                    writeOnly: true\r\n                    type: string   # trailing\r\n',
    ),
    fixed,
  );
  assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF introduced');
});

test('writeOnly fix in flow YAML and in single-line and multi-line JSON', async () => {
  const flow = await fixOnce(
    'file:///virtual/flow.yaml',
    SPEC_HEAD +
      '                type: object\n                properties:\n                  password: { type: string }\n',
    'oas-password-readable',
  );
  assert.equal(flow.after.length, 0);
  assert.match(flow.fixed, /password: \{ writeOnly: true, type: string \}/);

  const emptyFlow = await fixOnce(
    'file:///virtual/empty.yaml',
    SPEC_HEAD + '                type: object\n                properties:\n                  password: {}\n',
    'oas-password-readable',
  );
  assert.equal(emptyFlow.after.length, 0);
  assert.match(emptyFlow.fixed, /password: \{ writeOnly: true \}/);

  const json = (body: string) =>
    `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"security":[{"k":[]}],"paths":{"/me":{"get":{"responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"type":"object","properties":{"password":${body}}}}}}}}}}}`;
  const single = await fixOnce('file:///virtual/single.json', json('{"type":"string"}'), 'oas-password-readable');
  assert.equal(single.after.length, 0);
  assert.match(single.fixed, /"password":\{"writeOnly": true, "type":"string"\}/);

  const multi = await fixOnce(
    'file:///virtual/multi.json',
    json('{\n          "type": "string"\n        }'),
    'oas-password-readable',
  );
  assert.equal(multi.after.length, 0);
  assert.match(multi.fixed, /"password":\{\n {10}"writeOnly": true,\n {10}"type": "string"\n {8}\}/);
});

test('https fix keeps quotes and the rest of the URL', async () => {
  const uri = 'file:///virtual/servers.yaml';
  const text =
    "openapi: 3.0.3\ninfo:\n  title: t\n  version: 1.0.0\npaths: {}\nservers:\n  - url: 'http://api.example.com/v1?x=http://y' # legacy\n";
  const { after, fixed } = await fixOnce(uri, text, 'oas-server-plain-http');
  assert.equal(after.length, 0);
  assert.ok(fixed.endsWith("  - url: 'https://api.example.com/v1?x=http://y' # legacy\n"), fixed);
});

test('a fix that would break the document is not offered', () => {
  // The mapping the fix would insert into starts after other text on its line: no safe edit exists.
  const text = 'a: b\npassword: !!map\n  type: string\n';
  const fixes = computeFixes(
    'oas-password-readable',
    { valueRange: { start: { line: 1, character: 16 }, end: { line: 2, character: 14 } } },
    text,
    'file:///virtual/x.yaml',
  );
  assert.deepEqual(fixes, []);
});

test('on a large spec the parse check reads only the block around the edit, and still catches a broken fix', async () => {
  const { enclosingBlock, documentStillParses } = await import('../src/engine/fixes/parseCheck');
  const filler = Array.from(
    { length: 6000 },
    (_, i) => `  /p${i}:\n    get:\n      responses:\n        '200':\n          description: OK\n`,
  ).join('');
  const text = `openapi: 3.0.3\ninfo:\n  title: t\n  version: 1\npaths:\n${filler}components:\n  schemas:\n    User:\n      properties:\n        password:\n          type: string\n`;
  assert.ok(text.length > 256 * 1024);
  const at = text.indexOf('          type: string');
  const block = enclosingBlock(text, at, at);
  assert.deepEqual(block && text.slice(block.start, block.end), '        password:\n          type: string\n');
  const good = text.slice(0, at) + '          writeOnly: true\n' + text.slice(at);
  assert.equal(documentStillParses('file:///big.yaml', text, good, at, at), true);
  const bad = text.slice(0, at) + '          writeOnly: [true\n' + text.slice(at);
  assert.equal(documentStillParses('file:///big.yaml', text, bad, at, at), false);
});

test('whether a fix applies is decided on the finding’s own entry, at its real place, also after edits above it', async () => {
  // Whether a finding is fixable is decided at lint time on the text of the entry that holds it (not the whole
  // document); each entry here has findings with a fix and one without, far from the document's first line.
  const entry = (i: number) =>
    `  /things${i}:\n    servers:\n      - url: http://plain${i}.example.com\n      - url: >-\n          http://folded${i}.example.com\n` +
    `    get:\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n` +
    `                properties:\n                  password:\n                    type: string\n                  password_hash: !!map\n                    type: string\n`;
  let text = `openapi: 3.0.3\ninfo:\n  title: t\n  version: 1.0.0\nsecurity: []\npaths:\n${Array.from({ length: 40 }, (_, i) => entry(i)).join('')}`;
  const uri = 'file:///virtual/fix-applicability.yaml';
  const incremental = new Engine({ incremental: true });
  for (const insertedAbove of ['', '# a comment\n# and another\n']) {
    text = text.replace('paths:\n', `paths:\n${insertedAbove}`);
    const findings = (await incremental.lint({ uri, text })).findings.filter(
      (f) => f.ruleId === 'oas-password-readable' || f.ruleId === 'oas-server-plain-http',
    );
    const lines = text.split('\n');
    let fixable = 0;
    for (const finding of findings) {
      const line = lines[finding.range.start.line]!;
      // A URL written as a folded block scalar has no https fix (the fix rewrites a plain or quoted URL only).
      const expected = !(line.includes('>-') || line.includes('folded'));
      assert.equal(
        finding.fixable,
        expected,
        `${finding.ruleId} at line ${finding.range.start.line + 1} (${line.trim()})`,
      );
      if (finding.fixable) {
        fixable++;
        assert.ok(
          computeFixes(finding.ruleId, finding.data, text, uri).length > 0,
          `line ${finding.range.start.line + 1}`,
        );
      }
    }
    assert.equal(fixable, 120);
    assert.equal(findings.length, 160);
  }
});
