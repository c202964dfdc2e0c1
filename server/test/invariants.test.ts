// The architecture's invariants (ARCHITECTURE.md), held by tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../src/engine';
import { toServerSettings } from '../src/lsp/settingsCache';
import { readExpectations } from './support/expectations';
import { FIXTURES_ROOT, fixtureFiles, listFiles } from './support/fixtureRunner';
import { layerViolations, sourceFiles } from './support/layers';

const ROOT = path.resolve(__dirname, '..', '..');

test('layers: classifier, then rules, then the engine, then the front ends (each imports only downwards)', () => {
  const files = sourceFiles(ROOT, ['client/src', 'server/src', 'rulesets/src'], listFiles);
  assert.ok(files.length > 100, 'the source tree was read');
  assert.deepEqual(layerViolations(files), []);
});

test('the layer check catches each kind of wrong direction', () => {
  const cases: [string, string][] = [
    ['rulesets/src/rules/oas-x.ts', "import { LineIndex } from '../../../server/src/engine/positions';"],
    ['rulesets/src/sensitive/words.ts', "import { recommendedRules } from '../recommended';"],
    ['server/src/engine/code/x.ts', "import { createConnection } from 'vscode-languageserver/node';"],
    ['server/src/engine/code/x.ts', "import { LintScheduler } from '../../lsp/lintScheduler';"],
    ['server/src/engine/openapi/x.ts', "import { recommendedRules } from '../../../../rulesets/src/recommended';"],
    ['server/src/lsp/x.ts', "import type { Finding } from '../engine/findings';"],
    ['server/src/cli/x.ts', "const m = require('../lsp/main');"],
    ['client/src/x.ts', "export { Engine } from '../../server/src/engine';"],
  ];
  for (const [file, text] of cases) {
    assert.equal(layerViolations([{ path: file, text }]).length, 1, `${file}: ${text}`);
  }
  const allowed: [string, string][] = [
    ['rulesets/src/rules/oas-x.ts', "import { splitIdentifier } from '../sensitive';"],
    ['server/src/engine/openapi/x.ts', "import { recommendedRules } from '@apiwarden/rulesets';"],
    ['server/src/lsp/x.ts', "import { type Finding, ruleDocUrl } from '../engine';"],
    ['server/src/lsp/x.ts', "import { createConnection } from 'vscode-languageserver/node';"],
  ];
  for (const [file, text] of allowed) assert.deepEqual(layerViolations([{ path: file, text }]), [], `${file}: ${text}`);
});

test('every rule has a documentation page with what, why, OWASP id, bad and good examples and a fix', () => {
  const problems: string[] = [];
  for (const rule of RULES.values()) {
    const doc = path.join(ROOT, 'docs', 'rules', `${rule.id}.md`);
    if (!existsSync(doc)) {
      problems.push(`${rule.id}: docs/rules/${rule.id}.md is missing`);
      continue;
    }
    const text = readFileSync(doc, 'utf8');
    if (!text.startsWith(`# ${rule.id}\n`)) problems.push(`${rule.id}: the page must start with "# ${rule.id}"`);
    for (const section of ['## What it finds', '## Why it matters', '## Bad', '## Good', '## How to fix']) {
      if (!text.includes(section)) problems.push(`${rule.id}: section "${section}" is missing`);
    }
    if (rule.owasp && !text.includes(`OWASP ${rule.owasp}`))
      problems.push(`${rule.id}: the page does not name OWASP ${rule.owasp}`);
    if (rule.cwe && !text.includes(rule.cwe)) problems.push(`${rule.id}: the page does not name ${rule.cwe}`);
  }
  assert.deepEqual(problems, []);
});

test('every rule has fixtures that must trigger it and fixtures that must not', () => {
  const positives = new Map<string, number>();
  const negatives = new Map<string, number>();
  for (const file of fixtureFiles(FIXTURES_ROOT)) {
    const { expected, ok } = readExpectations(file);
    for (const e of expected) positives.set(e.rule, (positives.get(e.rule) ?? 0) + 1);
    for (const o of ok) negatives.set(o.rule, (negatives.get(o.rule) ?? 0) + 1);
  }
  const problems: string[] = [];
  for (const rule of RULES.keys()) {
    if (!positives.get(rule)) problems.push(`${rule}: no fixture expects it`);
    if (!negatives.get(rule)) problems.push(`${rule}: no fixture marks a line where it must not fire (ok: ${rule})`);
  }
  for (const rule of new Set([...positives.keys(), ...negatives.keys()])) {
    if (!RULES.has(rule)) problems.push(`${rule}: fixtures mention a rule id that does not exist`);
  }
  assert.deepEqual(problems, []);
});

// `apiwarden-`: rules about API Warden's own input (suppressions), for specs and code alike.
test('rule ids are kebab-case with a family prefix', () => {
  const bad = [...RULES.keys()].filter((id) => !/^(oas|code|xref|apiwarden)-[a-z0-9]+(-[a-z0-9]+)*$/.test(id));
  assert.deepEqual(bad, []);
});

test('every setting the server reads is declared in package.json and listed in the README settings table', () => {
  // A raw value for every setting, so normalisation keeps them all: the keys are what the server reads.
  const read = Object.keys(
    toServerSettings({
      enable: true,
      rules: {},
      allowRemoteRefs: true,
      maxFileSizeMb: 1,
      sensitiveData: { allowNames: ['x'] },
      authNames: ['requireTenantUser'],
      lintDelayMs: 10,
    }),
  );
  const declared = Object.keys(
    (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        contributes: { configuration: { properties: Record<string, unknown> } };
      }
    ).contributes.configuration.properties,
  );
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const problems: string[] = [];
  for (const key of read)
    if (!declared.includes(`apiwarden.${key}`))
      problems.push(`apiwarden.${key} is read but not declared in package.json`);
  for (const name of declared)
    if (!readme.includes(`| \`${name}\` |`)) problems.push(`${name} is not in the README settings table`);
  assert.deepEqual(problems, []);
});
