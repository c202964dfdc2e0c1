// The code rule runner: rules that are off do not run, and cached reports follow what checks declare they read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskFileReader, FindingPolicy, LineIndex } from '../../src/engine';
import { CodeIndex } from '../../src/engine/code/workspace';
import { CodeRuleRunner } from '../../src/engine/code/ruleRunner';
import { codeRule, type CodeRule } from '../../src/engine/code/rules/types';

const META = {
  severity: 'warning',
  owasp: 'API8:2023',
  cwe: 'CWE-0',
  title: 't',
  summary: 's',
  fixable: false,
} as const;

/** A statement rule that reports every call and counts how many statements it looked at. */
function countingRule(id: string, reads: CodeRule['checks'][number]['reads'] = {}): CodeRule & { calls: number } {
  const rule = codeRule({
    id,
    ...META,
    scope: 'statement',
    reads,
    check(ctx) {
      rule.calls++;
      for (const call of ctx.file.allCalls)
        ctx.report({ span: call.nameSpan, message: `${call.path} on ${ctx.line(call.val.span)}` });
    },
  }) as CodeRule & { calls: number };
  rule.calls = 0;
  return rule;
}

async function run(runner: CodeRuleRunner, text: string, rules: Record<string, 'off' | 'warning'> = {}) {
  const index = new CodeIndex(diskFileReader);
  const uri = 'file:///tmp/apiwarden-runner/app.js';
  index.noteText(uri, text);
  const file = (await index.factsFor(uri, text))!;
  const errors: string[] = [];
  const reports = runner.run({
    file,
    routes: [],
    text,
    lines: new LineIndex(text),
    policy: FindingPolicy.of({ rules }),
    classifierOptions: undefined,
    errors,
    isCancelled: () => false,
  });
  assert.deepEqual(errors, []);
  return reports;
}

const APP = "const express = require('express');\nfoo();\nbar();\n";

test('a rule that is off does not run, and when switched back on it does not meet reports made without it', async () => {
  const a = countingRule('code-test-a');
  const b = countingRule('code-test-b');
  const runner = new CodeRuleRunner([a, b]);
  const off = await run(runner, APP, { 'code-test-b': 'off' });
  assert.equal(b.calls, 0, 'the rule that is off never ran');
  assert.ok(a.calls > 0);
  assert.deepEqual([...new Set(off.map((r) => r.ruleId))], ['code-test-a']);
  const on = await run(runner, APP, {});
  assert.ok(b.calls > 0, 'switched on, it runs');
  assert.deepEqual([...new Set(on.map((r) => r.ruleId))].sort(), ['code-test-a', 'code-test-b']);
});

test('statement reports are reused while the statement and the declared file context are unchanged', async () => {
  const rule = countingRule('code-test-imports', { file: ['imports'] });
  const runner = new CodeRuleRunner([rule]);
  const index = new CodeIndex(diskFileReader);
  const uri = 'file:///tmp/apiwarden-runner/reuse.js';
  const lint = async (text: string) => {
    index.noteText(uri, text);
    const file = (await index.factsFor(uri, text))!;
    return runner.run({
      file,
      routes: [],
      text,
      lines: new LineIndex(text),
      policy: FindingPolicy.of({ rules: {} }),
      classifierOptions: undefined,
      errors: [],
      isCancelled: () => false,
    });
  };
  await lint(APP);
  const first = rule.calls;
  assert.equal(first, 3, 'one call per top-level statement');
  // Edit one statement: only that one is checked again, and line numbers of moved reports are current.
  const text = "const express = require('express');\n\nfoo(1);\nbar();\n";
  const edited = await lint(text);
  assert.equal(rule.calls - first, 1);
  const lines = new LineIndex(text);
  const filled = edited.map((r) =>
    r.message.replace(/\{\{line:(\d+)\}\}/, (_, i: string) =>
      String(lines.positionAt(r.lines![Number(i)]!.span.start).line + 1),
    ),
  );
  assert.deepEqual(filled, ['require on 1', 'foo on 3', 'bar on 4']);
  // A change of the imports the check declared re-checks every statement.
  const before = rule.calls;
  await lint("const express = require('express');\nconst jwt = require('jsonwebtoken');\nfoo(1);\nbar();\n");
  assert.equal(rule.calls - before, 4);
});
