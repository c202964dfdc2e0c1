// Findings carry the extras rules attach: `aiLinked` on AI-linked operations, `dataClasses` on sensitive data,
// through the engine (Spectral keeps only message and path; lintOpenApi restores the rest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Engine, pathToUri } from '../../src/engine';
import { FIXTURES_ROOT } from '../support/fixtureRunner';

async function lint(relative: string) {
  const file = path.join(FIXTURES_ROOT, 'openapi', relative);
  const result = await new Engine().lint({ uri: pathToUri(file), text: readFileSync(file, 'utf8') });
  assert.deepEqual(result.errors, []);
  return result.findings;
}

test('AI-linked findings are marked aiLinked, others are not', async () => {
  const findings = [
    ...(await lint('oas-ai-endpoint-unprotected/ai.yaml')),
    ...(await lint('oas-ai-prompt-unbounded/prompts.yaml')),
  ];
  const ai = findings.filter((f) => f.ruleId.startsWith('oas-ai-'));
  assert.ok(ai.length >= 5);
  assert.ok(ai.every((f) => f.aiLinked === true));
  assert.ok(findings.filter((f) => !f.ruleId.startsWith('oas-ai-')).every((f) => f.aiLinked === undefined));
});

test('sensitive-data findings carry their data classes and name the regulations', async () => {
  const findings = (await lint('oas-sensitive-data-in-response/patients.yaml')).filter(
    (f) => f.ruleId === 'oas-sensitive-data-in-response',
  );
  const byProperty = new Map(findings.map((f) => [/`([^`]+)`/.exec(f.message)![1]!, f]));
  assert.deepEqual(byProperty.get('ssn')?.dataClasses, ['government-id']);
  assert.deepEqual(byProperty.get('diagnosis')?.dataClasses, ['phi']);
  assert.match(byProperty.get('diagnosis')!.message, /HIPAA/);
  assert.match(byProperty.get('ssn')!.message, /GDPR, CCPA/);
  const examples = (await lint('oas-sensitive-example/examples.yaml')).filter(
    (f) => f.ruleId === 'oas-sensitive-example',
  );
  assert.ok(examples.some((f) => f.dataClasses?.includes('pci') && /PCI DSS/.test(f.message)));
  assert.ok(examples.some((f) => f.dataClasses?.includes('credential')));
});
