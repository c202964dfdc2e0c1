// code-llm-tool-dispatch-unrestricted: the model's output picks which function runs, from a set nobody listed.
// Doc: docs/rules/code-llm-tool-dispatch-unrestricted.md. Fixtures: test-fixtures/code/express/agent-tools/,
// test-fixtures/code/fastapi/agent-tools/.

import { codeRule } from './types';
import { fileUsesLlm, isLlmCall, llmSource } from '../llm';
import { resolveConstant } from '../moduleConstants';
import { allCallsOf, localsOf, pathOf, type FnFacts, type Val } from '../facts';

/** A function looked up by a name: `x[name]`, `getattr(x, name)`, `globals()[name]`. */
interface Dispatch {
  container: Val;
  key: Val;
  /** The lookup itself, for the message. */
  lookup: Val;
}

export default codeRule({
  id: 'code-llm-tool-dispatch-unrestricted',
  severity: 'error',
  owasp: 'API10:2023',
  cwe: 'CWE-470',
  title: 'Model output chooses any function to run',
  summary:
    "A tool or function call the model asked for is dispatched by name into a module, an object's methods, `getattr` or `globals()`, not a fixed table of tools, so a prompt injection can run any function there.",
  fixable: false,
  scope: 'statement',
  reads: { file: ['imports', 'moduleConstants'] },
  check(ctx) {
    if (!fileUsesLlm(ctx.file)) return;
    const seen = new Set<number>();
    for (const fn of ctx.file.allFunctions) {
      const calls = allCallsOf(fn);
      if (!calls.some((c) => isLlmCall(c, ctx.file))) continue;
      for (const call of calls) {
        const dispatch = dispatchOf(call.val.callee, fn);
        if (!dispatch || seen.has(call.val.span.start)) continue;
        const source = llmSource(dispatch.key, fn, ctx.file, 0, new Set());
        if (!source) continue;
        if (isToolTable(dispatch.container, fn, ctx.fileContext.moduleConstants)) continue;
        seen.add(call.val.span.start);
        ctx.report({
          span: call.val.callee.span,
          message: `\`${ctx.snippet(dispatch.lookup.span, 60)}\` on line ${ctx.line(call.val.span)} runs the function the model named (\`${source}\`), looked up in ${describeContainer(dispatch.container)}: any function there can be called, with arguments the model wrote, by anyone who gets text in front of the model (a prompt injection in a document, an email, a web page). Dispatch through a fixed table of the tools you offer (\`const TOOLS = { getWeather, … }\`, a dict literal) or a \`switch\` on the name, and check the caller may use each tool.`,
          aiLinked: true,
        });
      }
    }
  },
});

/** The lookup a call's callee is, directly (`admin[name](…)`) or through a local (`const f = getattr(m, name)`). */
function dispatchOf(callee: Val, fn: FnFacts, depth = 0): Dispatch | undefined {
  if (callee.k === 'index') return { container: callee.object, key: callee.index, lookup: callee };
  if (callee.k === 'call' && /^(getattr|Reflect\.get)$/.test(pathOf(callee.callee)) && callee.args.length >= 2)
    return { container: callee.args[0]!, key: callee.args[1]!, lookup: callee };
  if (callee.k === 'ref' && depth < 3) {
    const values = localsOf(fn, callee.name);
    const last = values?.[values.length - 1];
    return last ? dispatchOf(last, fn, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * A table of tools: an object or dict literal (in the function or at module level) of functions the authors chose.
 * A module (`import * as admin`, `require('./admin')`), `this`/`self`, `globals()` or any other object is not one:
 * every function it has is reachable.
 */
function isToolTable(container: Val, fn: FnFacts, constants: Parameters<typeof resolveConstant>[1]): boolean {
  let value = container;
  if (value.k === 'ref') {
    const local = localsOf(fn, value.name);
    if (local && local.length > 0) value = local[local.length - 1]!;
    else value = resolveConstant(value, constants)?.value ?? value;
  }
  return value.k === 'obj' && value.spreads.length === 0 && value.props.length > 0;
}

function describeContainer(container: Val): string {
  const path = pathOf(container);
  if (path === 'this' || path === 'self') return `\`${path}\` (every method of the object)`;
  if (container.k === 'call' && /^(globals|locals|vars)$/.test(pathOf(container.callee)))
    return `\`${pathOf(container.callee)}()\` (every name in the module)`;
  return `\`${path.length > 40 ? path.slice(0, 40) + '…' : path}\`, not a fixed table of tools`;
}
