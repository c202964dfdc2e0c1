// Hostile OpenAPI input (issue 18): alias bombs and documents nested thousands deep end in one clear finding
// instead of a hang, gigabytes of memory or a stack overflow, in the editor's incremental engine and from
// scratch; the limits sit far above real documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine, pathToUri, type Finding } from '../../src/engine';
import { MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH } from '../../src/engine/openapi/inputLimits';
import { billionLaughs, deeplyNested, longFlowLine, refChain, type LaughsPlacement } from '../support/hostileSpecs';

const HANG = { timeout: 60_000 };

function ruleIds(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.ruleId))].sort();
}

async function lintBoth(uri: string, text: string): Promise<Finding[][]> {
  const scratch = await new Engine().lint({ uri, text });
  const incremental = new Engine({ incremental: true });
  await incremental.lint({ uri, text: text.replace(/\n$/, '\n\n') }); // a previous version, as in an editor
  const edited = await incremental.lint({ uri, text });
  return [scratch.findings, edited.findings];
}

for (const placement of ['schema', 'root', 'one-entry', 'across-entries'] as LaughsPlacement[]) {
  test(`a billion-laughs YAML document (${placement}) is one oas-alias-expansion-limit finding`, HANG, async () => {
    const text = billionLaughs(placement);
    assert.ok(text.length < 1500, `${text.length} bytes`);
    for (const findings of await lintBoth(pathToUri(`/tmp/laughs-${placement}.yaml`), text)) {
      assert.deepEqual(ruleIds(findings), ['oas-alias-expansion-limit']);
      const [finding] = findings;
      assert.equal(finding!.severity, 'error');
      assert.match(finding!.message, /100,000 nodes/);
      // it points at an alias
      const line = text.split('\n')[finding!.range.start.line]!;
      assert.equal(line[finding!.range.start.character], '*', line);
    }
  });
}

test('aliases that expand modestly (merge keys, a shared example) lint as before', HANG, async () => {
  const text = [
    'openapi: 3.0.0',
    "info: {title: t, version: '1'}",
    'paths: {}',
    'components:',
    '  schemas:',
    '    Base: &base',
    '      type: object',
    '      properties:',
    '        id: {type: string}',
    '    User:',
    '      <<: *base',
    '      description: a user',
    '    Users:',
    '      type: array',
    '      items: *base',
    '',
  ].join('\n');
  for (const findings of await lintBoth(pathToUri('/tmp/merge.yaml'), text)) {
    assert.ok(!ruleIds(findings).includes('oas-alias-expansion-limit'));
    assert.ok(!ruleIds(findings).includes('oas-syntax-error'), JSON.stringify(findings));
  }
  // just under the budget: 10 x 10 x 10 x 10 x 10 = 100,000 nodes from aliases is still fine
  assert.equal(MAX_ALIAS_EXPANSION, 100_000);
});

for (const syntax of ['block', 'flow', 'json'] as const) {
  for (const depth of [2_000, 10_000, 100_000]) {
    test(`a document nested ${depth} levels deep (${syntax}) is one oas-nesting-too-deep finding`, HANG, async () => {
      const text = deeplyNested(syntax, depth);
      const uri = pathToUri(`/tmp/deep-${syntax}-${depth}.${syntax === 'json' ? 'json' : 'yaml'}`);
      for (const findings of await lintBoth(uri, text)) {
        assert.deepEqual(ruleIds(findings), ['oas-nesting-too-deep']);
        assert.match(findings[0]!.message, new RegExp(`deeper than ${MAX_NESTING_DEPTH} levels`));
        assert.ok(findings[0]!.range.start.line >= (syntax === 'block' ? MAX_NESTING_DEPTH : 0));
      }
    });
  }
  test(`a document nested just under the limit (${syntax}) is linted normally`, HANG, async () => {
    // the schema sits 3 levels down (components.schemas.deep)
    const text = deeplyNested(syntax, MAX_NESTING_DEPTH - 4);
    const uri = pathToUri(`/tmp/almost-deep-${syntax}.${syntax === 'json' ? 'json' : 'yaml'}`);
    for (const findings of await lintBoth(uri, text)) {
      assert.ok(!ruleIds(findings).includes('oas-nesting-too-deep'), JSON.stringify(ruleIds(findings)));
      assert.ok(!ruleIds(findings).includes('oas-syntax-error'));
    }
  });
}

test('a chain of 5,000 $refs, each nesting the next, resolves without overflowing the stack', HANG, async () => {
  for (const findings of await lintBoth(pathToUri('/tmp/ref-chain.yaml'), refChain(5_000))) {
    assert.ok(!ruleIds(findings).includes('oas-nesting-too-deep'), JSON.stringify(ruleIds(findings)));
    assert.ok(!ruleIds(findings).includes('oas-unresolved-ref'));
  }
});

test('a 5 MB single flow-style line is linted (in linear time: see the report)', HANG, async () => {
  const text = longFlowLine(5 * 1024 * 1024);
  const started = performance.now();
  const result = await new Engine().lint({ uri: pathToUri('/tmp/long-line.yaml'), text });
  assert.equal(result.kind, 'openapi');
  assert.ok(!ruleIds(result.findings).includes('oas-syntax-error'), JSON.stringify(result.findings.slice(0, 3)));
  console.log(`5 MB flow line: ${Math.round(performance.now() - started)} ms`);
});

test('a $ref to a file past the limits is refused at the $ref and that file is not parsed', HANG, async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'apiwarden-limits-'));
  writeFileSync(path.join(folder, 'bomb.yaml'), billionLaughs('root'));
  writeFileSync(path.join(folder, 'deep.json'), deeplyNested('json', 10_000));
  const root = [
    'openapi: 3.0.0',
    "info: {title: t, version: '1'}",
    'paths: {}',
    'components:',
    '  schemas:',
    "    A: {$ref: './bomb.yaml#/x-a'}",
    "    B: {$ref: './deep.json#/components/schemas/deep'}",
    '',
  ].join('\n');
  const rootPath = path.join(folder, 'root.yaml');
  writeFileSync(rootPath, root);
  for (const findings of await lintBoth(pathToUri(rootPath), root)) {
    const refs = findings.filter((f) => f.ruleId === 'oas-unresolved-ref');
    assert.equal(refs.length, 2, JSON.stringify(findings));
    assert.ok(refs.every((f) => f.uri === pathToUri(rootPath)));
    assert.ok(refs.some((f) => /bomb\.yaml expands its YAML aliases past 100,000 nodes/.test(f.message)));
    assert.ok(
      refs.some((f) => new RegExp(`deep\\.json nests deeper than ${MAX_NESTING_DEPTH} levels`).test(f.message)),
    );
  }
});
