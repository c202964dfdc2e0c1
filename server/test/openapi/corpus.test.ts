// Real-world specs (vendored in server/test/corpus, the large ones from ../shared/corpus/openapi): no rule throws, every finding lies inside its document, and
// the finding counts per rule are printed (to watch noise and coverage over time). The small specs run in the
// default suite; `npm run test:corpus` (APIWARDEN_CORPUS=all) adds the large ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Engine, LineIndex, normalizeSettings, pathToUri, RULES } from '../../src/engine';
import { corpusFile } from '../support/corpus';

const SMALL = ['petstore-oas3.0.yaml', 'museum-oas3.1.yaml'];
const LARGE = [
  'slack-web-swagger2.0.json',
  'twilio-api-v2010-oas3.0.yaml',
  'openai-oas3.1.yaml',
  'stripe-spec3-oas3.0.yaml',
  'github-api-oas3.0.json',
];
const all = process.env.APIWARDEN_CORPUS === 'all';

for (const name of all ? [...SMALL, ...LARGE] : SMALL) {
  const file = corpusFile(name);
  test(`corpus: ${name}`, async () => {
    assert.ok(
      existsSync(file),
      `${file} is missing: the large specs live in ../shared/corpus/openapi (or APIWARDEN_CORPUS_DIR)`,
    );
    const text = readFileSync(file, 'utf8');
    const uri = pathToUri(file);
    const started = performance.now();
    const result = await new Engine().lint({ uri, text, settings: normalizeSettings({ maxFileSizeMb: 100 }) });
    const elapsed = performance.now() - started;
    assert.equal(result.kind, 'openapi');
    assert.deepEqual(result.errors, [], 'a rule threw');
    const lines = new LineIndex(text);
    const lineCount = text.split('\n').length;
    const counts = new Map<string, number>();
    const outside: string[] = [];
    for (const finding of result.findings) {
      counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
      const { start, end } = finding.range;
      const inside =
        finding.uri === uri &&
        start.line >= 0 &&
        end.line < lineCount &&
        (start.line < end.line || (start.line === end.line && start.character <= end.character)) &&
        start.character <= lines.lineText(start.line).length &&
        end.character <= lines.lineText(end.line).length;
      if (!inside) outside.push(`${finding.ruleId} ${finding.uri} ${JSON.stringify(finding.range)}`);
      assert.ok(RULES.has(finding.ruleId), `unknown rule ${finding.ruleId}`);
    }
    const table = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([rule, n]) => `    ${String(n).padStart(6)}  ${rule}`)
      .join('\n');
    console.log(`  ${name}: ${result.findings.length} findings in ${elapsed.toFixed(0)} ms\n${table}`);
    assert.deepEqual(outside.slice(0, 10), [], `${outside.length} findings lie outside the document`);
    assert.ok(
      !counts.has('oas-syntax-error') && !counts.has('oas-unresolved-ref'),
      'the corpus spec did not parse or resolve cleanly',
    );
  });
}
