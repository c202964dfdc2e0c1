// The safety of every quick-fix, as one property over every fixture file (OpenAPI and handler code) of every rule
// that has a fix: applying the preferred fix of a fixable finding leaves a document that still parses (YAML/JSON
// parsers, tree-sitter for code), removes that finding without adding one of the rule, and changes only a small
// span: the text before and after it is byte-identical. Fix-all on each file reaches a fixed point: once nothing
// is left to fix, another fix-all changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseWithPointers } from '@stoplight/yaml';
import {
  Engine,
  RULES,
  applyEdits,
  computeFixes,
  fixAllEdits,
  hasFixProvider,
  LineIndex,
  pathToUri,
} from '../../src/engine';
import { grammarFor, parserFor } from '../../src/engine/code/parser';
import { FIXTURES_ROOT, fixtureFiles } from '../support/fixtureRunner';

const engine = new Engine();

async function syntaxErrors(uri: string, text: string): Promise<number> {
  if (uri.endsWith('.json')) {
    try {
      JSON.parse(text);
      return 0;
    } catch {
      return 1;
    }
  }
  const grammar = grammarFor(uri);
  if (grammar) {
    const tree = (await parserFor(grammar)).parse(text);
    let errors = 0;
    const walk = (node: NonNullable<typeof tree>['rootNode']) => {
      if (node.isError || node.isMissing) errors++;
      for (const child of node.children) if (child) walk(child);
    };
    if (tree) walk(tree.rootNode);
    return errors;
  }
  return parseWithPointers(text).diagnostics.filter((d) => d.severity === 0).length;
}

const findingsOf = async (uri: string, text: string) =>
  (await engine.lint({ uri, text })).findings.filter((f) => f.uri === uri);

test('the rule catalog marks exactly the rules that have a fix as fixable', () => {
  const mismatched = [...RULES.values()].filter((rule) => rule.fixable !== hasFixProvider(rule.id)).map((r) => r.id);
  assert.deepEqual(mismatched, []);
});

test(
  'every fix of every fixture parses, removes its finding and keeps the text outside its edits',
  { timeout: 600_000 },
  async () => {
    const fixedByRule = new Map<string, number>();
    for (const file of fixtureFiles(FIXTURES_ROOT)) {
      const text = readFileSync(file, 'utf8');
      if (!RULES_WITH_FIX.some((id) => text.includes(id))) continue; // fixtures mark the rules they exercise
      const uri = pathToUri(file);
      const findings = await findingsOf(uri, text);
      const errorsBefore = await syntaxErrors(uri, text);
      for (const finding of findings.filter((f) => f.fixable)) {
        const where = `${finding.ruleId} at ${path.relative(FIXTURES_ROOT, file)}:${finding.range.start.line + 1}`;
        const [fix] = computeFixes(finding.ruleId, finding.data, text, uri);
        assert.ok(fix, `${where} is marked fixable but has no fix`);
        const fixed = applyEdits(text, fix.edits);
        assert.ok((await syntaxErrors(uri, fixed)) <= errorsBefore, `${where}: the fix breaks the syntax:\n${fixed}`);
        const lines = new LineIndex(text);
        const starts = fix.edits.map((e) => lines.offsetAt(e.range.start));
        const ends = fix.edits.map((e) => lines.offsetAt(e.range.end));
        const first = Math.min(...starts);
        const tail = text.length - Math.max(...ends);
        assert.equal(fixed.slice(0, first), text.slice(0, first), `${where}: text before the edits changed`);
        assert.equal(fixed.slice(fixed.length - tail), text.slice(text.length - tail), `${where}: text after changed`);
        const changed = fix.edits.reduce((n, e, i) => n + e.newText.length + ends[i]! - starts[i]!, 0);
        assert.ok(changed < 200, `${where}: the fix rewrites ${changed} characters, not a minimal edit`);
        const after = await findingsOf(uri, fixed);
        const sameRule = (list: typeof findings) => list.filter((f) => f.ruleId === finding.ruleId).length;
        assert.equal(sameRule(after), sameRule(findings) - 1, `${where}: not exactly that finding went away`);
        fixedByRule.set(finding.ruleId, (fixedByRule.get(finding.ruleId) ?? 0) + 1);
      }
      // Fix-all until nothing is left to fix: a fix may make another rule apply (an operation given `security` now
      // needs 401/403 responses), so it takes at most a few passes; the pass after that changes nothing.
      let current = text;
      let edits = fixAllEdits(findings, current, uri).edits;
      let passes = 0;
      while (edits.length > 0 && passes < 4) {
        current = applyEdits(current, edits);
        passes++;
        edits = fixAllEdits(await findingsOf(uri, current), current, uri).edits;
      }
      assert.deepEqual(edits, [], `${path.relative(FIXTURES_ROOT, file)}: fix-all still edits after ${passes} passes`);
      assert.ok(passes <= 2, `${path.relative(FIXTURES_ROOT, file)}: fix-all took ${passes} passes`);
    }
    const unexercised = RULES_WITH_FIX.filter((id) => !fixedByRule.has(id));
    assert.deepEqual(unexercised, [], 'every rule with a fix has a fixture finding it fixes');
  },
);

const RULES_WITH_FIX = [...RULES.keys()].filter(hasFixProvider);
