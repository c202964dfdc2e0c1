// The hover text for findings under the cursor: one section per rule, even when a rule reports several findings
// there (the LSP-level behaviour, with real lints, is in server.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverFor } from '../../src/lsp/hover';
import type { Finding } from '../../src/engine/findings';

function finding(ruleId: string, message: string, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    severity: 'warning',
    message,
    uri: 'file:///a.yaml',
    range: { start: { line: 3, character: 4 }, end: { line: 3, character: 12 } },
    fixable: false,
    ...extra,
  };
}

const hoverText = (findings: Finding[]) =>
  (hoverFor(findings, { line: 3, character: 6 })?.contents as { value: string } | undefined)?.value ?? '';

test('two findings of one rule under the cursor give one section with the data classes of both', () => {
  const value = hoverText([
    finding('oas-sensitive-data-in-response', 'Response field `ssn` …', {
      owasp: 'API3:2023',
      dataClasses: ['government-id'],
    }),
    finding('oas-sensitive-data-in-response', 'Response field `email` …', {
      owasp: 'API3:2023',
      dataClasses: ['pii', 'government-id'],
    }),
  ]);
  assert.equal(value.split('(`oas-sensitive-data-in-response`)').length - 1, 1, value);
  assert.equal(value.split('oas-sensitive-data-in-response.md').length - 1, 1, value);
  assert.match(value, /Data classes: government-id, pii\n/);
  assert.doesNotMatch(value, /Response field/, 'messages are shown by the diagnostics');
  assert.doesNotMatch(value, /---/, 'a single section');
});

test('findings of different rules keep a section each, AI-linked when one of the rule’s findings is', () => {
  const value = hoverText([
    finding('oas-server-plain-http', 'plain', { owasp: 'API8:2023', cwe: 'CWE-319' }),
    finding('oas-server-environment-unclear', 'unclear', { aiLinked: true }),
  ]);
  const sections = value.split('\n\n---\n\n');
  assert.equal(sections.length, 2);
  assert.match(
    sections[0]!,
    /^\*\*Server over plain HTTP\*\* \(`oas-server-plain-http`\) — OWASP API8:2023 · CWE-319\n/,
  );
  assert.match(sections[1]!, /\(`oas-server-environment-unclear`\) — AI-linked\n/);
});
