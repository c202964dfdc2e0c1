// Files no one meant to lint (issue 18): empty, binary with a spec extension, NUL bytes, bytes that are not UTF-8,
// a byte order mark, CRLF line endings. Each gives diagnostics or a clean "not an OpenAPI document", never an
// exception; with CRLF endings every finding keeps the line and character it has in the LF version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine, pathToUri, type Finding } from '../../src/engine';
import { FIXTURES_ROOT } from '../support/fixtureRunner';
import { corpusFile } from '../support/corpus';
import { seededRandom } from '../support/randomEdits';
import { runCli } from '../cli/runCli';

const HANG = { timeout: 60_000 };
const PETSTORE = readFileSync(corpusFile('petstore-oas3.0.yaml'), 'utf8');

function located(findings: Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${JSON.stringify(f.range)} ${f.message}`).sort();
}

function randomBytes(seed: number, length: number): Buffer {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}

test('empty and whitespace-only .yaml/.json files are not OpenAPI documents', async () => {
  for (const [name, text] of [
    ['empty.yaml', ''],
    ['empty.json', ''],
    ['blank.yaml', '\n\n  \n'],
    ['bom.json', '\ufeff'],
  ] as const) {
    const result = await new Engine().lint({ uri: pathToUri(`/tmp/${name}`), text });
    assert.equal(result.kind, 'none', name);
    assert.deepEqual(result.findings, []);
  }
});

test(
  'binary files with a spec extension, and a spec holding NUL and random bytes, end in diagnostics',
  HANG,
  async () => {
    const engine = new Engine();
    for (let seed = 1; seed <= 20; seed++) {
      const bytes = randomBytes(seed, 4096).toString('latin1');
      for (const name of ['image.yaml', 'image.json']) {
        const result = await engine.lint({ uri: pathToUri(`/tmp/${seed}-${name}`), text: bytes });
        assert.ok(result.kind === 'none' || result.findings.length > 0, `${seed} ${name}`);
      }
      // the same bytes after a spec's head: an OpenAPI document with garbage in it
      const spliced = PETSTORE.slice(0, 200) + bytes + PETSTORE.slice(200);
      const result = await engine.lint({ uri: pathToUri(`/tmp/${seed}-spliced.yaml`), text: spliced });
      assert.equal(result.kind, 'openapi');
      assert.ok(result.findings.length > 0);
    }
    const withNul = PETSTORE.replace('description:', 'description: a\u0000b');
    const result = await engine.lint({ uri: pathToUri('/tmp/nul.yaml'), text: withNul });
    assert.equal(result.kind, 'openapi');
  },
);

test('the CLI lints files with NUL bytes, invalid UTF-8 and a BOM, and says which are not specs', HANG, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-odd-'));
  writeFileSync(path.join(dir, 'binary.yaml'), randomBytes(7, 2048));
  writeFileSync(
    path.join(dir, 'binary.json'),
    Buffer.concat([Buffer.from('{"openapi": "3.0.0", '), randomBytes(8, 512)]),
  );
  writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from(PETSTORE.replace('Swagger', 'Sw\u00e9gger'), 'latin1'));
  writeFileSync(path.join(dir, 'bom.yaml'), '\ufeff' + PETSTORE);
  writeFileSync(path.join(dir, 'plain.yaml'), PETSTORE);
  writeFileSync(path.join(dir, 'empty.json'), '');
  const { code, stdout, stderr } = runCli(['lint', dir, '--format', 'json']);
  assert.notEqual(code, 2, stderr);
  assert.doesNotMatch(stderr, /crashed/);
  const report = JSON.parse(stdout) as { findings: { path: string; ruleId: string; range: unknown }[] };
  const of = (name: string) =>
    report.findings
      .filter((f) => path.basename(f.path) === name)
      .map((f) => `${f.ruleId} ${JSON.stringify(f.range)}`)
      .sort();
  assert.ok(of('plain.yaml').length > 0);
  // a BOM changes nothing: same findings at the same places
  assert.deepEqual(of('bom.yaml'), of('plain.yaml'));
  assert.ok(of('latin1.yaml').length > 0);
  assert.ok(of('binary.json').length > 0, 'a JSON spec with garbage after its head gets diagnostics');
});

/** A sample of fixtures (one per rule folder) and a real spec. */
function crlfSamples(): { file: string; text: string }[] {
  const folder = path.join(FIXTURES_ROOT, 'openapi');
  const samples = readdirSync(folder).flatMap((rule) => {
    const first = readdirSync(path.join(folder, rule)).find((f) => /\.(ya?ml|json)$/.test(f));
    return first ? [path.join(folder, rule, first)] : [];
  });
  return [...samples, corpusFile('petstore-oas3.0.yaml')].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

test('with CRLF line endings every finding has the range it has with LF', HANG, async () => {
  let compared = 0;
  for (const { file, text } of crlfSamples()) {
    if (text.includes('\r')) continue;
    const uri = pathToUri(file);
    const lf = await new Engine().lint({ uri, text });
    const crlfText = text.replace(/\n/g, '\r\n');
    const crlf = await new Engine().lint({ uri, text: crlfText });
    const incremental = new Engine({ incremental: true });
    await incremental.lint({ uri, text });
    const crlfEdited = await incremental.lint({ uri, text: crlfText });
    assert.deepEqual(located(crlf.findings), located(lf.findings), file);
    assert.deepEqual(located(crlfEdited.findings), located(lf.findings), `${file} (incremental)`);
    compared += lf.findings.length;
  }
  assert.ok(compared > 50, `${compared} findings compared`);
});
