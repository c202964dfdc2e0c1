// Equal or stronger than @stoplight/spectral-owasp-ruleset: both rulesets run in Spectral on every OpenAPI
// fixture of ours; each of their findings must be matched by an equivalent rule of ours at a related location
// (same file, one JSON path inside the other, or siblings under the same node), or be one of the deliberate
// differences listed here and in docs/rules/README.md, each with its reason. Anything else fails the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Document, Spectral, type IRuleResult, type RulesetDefinition } from '@stoplight/spectral-core';
import { Json, Yaml, type IParser } from '@stoplight/spectral-parsers';
import { httpAndFileResolver } from '@stoplight/spectral-ref-resolver';
import * as YAML from 'yaml';
import owaspRuleset from '@stoplight/spectral-owasp-ruleset';
import { recommendedRules, toSpectralRuleset, type OpenApiRule } from '@apiwarden/rulesets';
import { Engine, pathToUri } from '../../src/engine';
import { FIXTURES_ROOT, fixtureFiles } from '../support/fixtureRunner';

import { DIFFERENCES, EQUIVALENT, isObject, key, type Context, type JsonPath } from './owaspDifferences';

// Probes: rules that report where our index sees request schemas and callbacks, mapped to source locations by
// Spectral exactly like real findings.
const probes: OpenApiRule[] = [
  {
    id: 'probe-request-schema',
    severity: 'hint',
    owasp: '',
    title: '',
    summary: '',
    check: (index, report) =>
      index.schemasByUsage('request').forEach((s) => report({ path: s.jsonPath, message: key('', s.jsonPath) })),
  },
  {
    id: 'probe-callback',
    severity: 'hint',
    owasp: '',
    title: '',
    summary: '',
    check: (index, report) =>
      index.callbacks.forEach((c) => report({ path: c.jsonPath, message: key('', c.jsonPath) })),
  },
];

function related(ours: JsonPath, theirs: JsonPath): boolean {
  const isPrefix = (a: JsonPath, b: JsonPath) =>
    a.length <= b.length && a.every((segment, i) => String(segment) === String(b[i]));
  return isPrefix(ours, theirs) || isPrefix(theirs, ours) || (ours.length >= 4 && isPrefix(ours.slice(0, -1), theirs));
}

async function run(ruleset: RulesetDefinition, file: string, text: string): Promise<IRuleResult[]> {
  const spectral = new Spectral({ resolver: httpAndFileResolver });
  spectral.setRuleset(ruleset);
  const document = new Document(text, (file.endsWith('.json') ? Json : Yaml) as IParser, file);
  return spectral.run(document, { ignoreUnknownFormat: true });
}

const INPUT_LIMIT_FIXTURES = ['oas-alias-expansion-limit', 'oas-nesting-too-deep'];

test('every finding of @stoplight/spectral-owasp-ruleset on our fixtures is matched by ours or a listed difference', async () => {
  const engine = new Engine();
  const roots = fixtureFiles(path.join(FIXTURES_ROOT, 'openapi')).filter(
    (file) =>
      engine.classify(pathToUri(file), readFileSync(file, 'utf8')).kind === 'openapi' &&
      // Hostile inputs (an alias bomb, nesting past the limit): plain Spectral hangs or overflows on them, which is
      // what our input limits are for; there is nothing to compare.
      !INPUT_LIMIT_FIXTURES.some((folder) => file.includes(`${path.sep}${folder}${path.sep}`)),
  );
  assert.ok(roots.length > 40);
  const ours = toSpectralRuleset([...recommendedRules, ...probes]);
  const parsed = new Map<string, unknown>();
  const node = (source: string, jsonPath: JsonPath): unknown => {
    if (!parsed.has(source)) parsed.set(source, YAML.parse(readFileSync(source, 'utf8')));
    let value = parsed.get(source);
    for (const segment of jsonPath)
      value =
        isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment as string] : undefined;
    return value;
  };
  const missing: string[] = [];
  const explained = new Map<string, number>();
  let matched = 0;
  let theirsTotal = 0;
  for (const file of roots) {
    const text = readFileSync(file, 'utf8');
    const [theirs, mine] = await Promise.all([
      run(owaspRuleset as RulesetDefinition, file, text),
      run(ours, file, text),
    ]);
    const context: Context = { requestSchemas: new Set(), callbacks: new Set(), node };
    for (const r of mine) {
      if (r.code === 'probe-request-schema') context.requestSchemas.add(key(r.source ?? file, r.path));
      if (r.code === 'probe-callback') context.callbacks.add(key(r.source ?? file, r.path));
    }
    for (const r of theirs) {
      const code = String(r.code);
      if (!code.startsWith('owasp:')) continue;
      theirsTotal++;
      const result = { ...r, source: r.source ?? file };
      const equivalents = EQUIVALENT[code] ?? [];
      if (
        mine.some(
          (o) =>
            equivalents.includes(String(o.code)) && (o.source ?? file) === result.source && related(o.path, r.path),
        )
      ) {
        matched++;
        continue;
      }
      const difference = DIFFERENCES.find((d) => d.rules.includes(code) && d.applies(result, context));
      if (difference) {
        explained.set(difference.reason, (explained.get(difference.reason) ?? 0) + 1);
        continue;
      }
      missing.push(
        `${path.relative(FIXTURES_ROOT, result.source)} ${code} at ${r.path.join('.')} (line ${r.range.start.line + 1}): ${r.message}`,
      );
    }
  }
  console.log(
    `owasp ruleset: ${theirsTotal} findings on ${roots.length} fixtures; ${matched} matched by ours, ${theirsTotal - matched - missing.length} deliberate differences, ${missing.length} missing`,
  );
  for (const [reason, count] of explained) console.log(`  ${String(count).padStart(4)}  ${reason.slice(0, 110)}`);
  assert.deepEqual(missing, [], `their findings ours do not match:\n${missing.join('\n')}`);
});

test('docs/rules/README.md indexes every rule and lists every deliberate difference', () => {
  const readme = readFileSync(path.join(FIXTURES_ROOT, '..', 'docs', 'rules', 'README.md'), 'utf8');
  for (const rule of recommendedRules)
    assert.ok(readme.includes(`[${rule.id}](${rule.id}.md) | ${rule.severity} |`), `README does not index ${rule.id}`);
  for (const difference of DIFFERENCES) {
    for (const rule of difference.rules)
      assert.ok(readme.includes(rule), `docs/rules/README.md does not mention ${rule}`);
    assert.ok(
      readme.includes(difference.reason),
      `docs/rules/README.md does not give the reason: ${difference.reason}`,
    );
  }
});
