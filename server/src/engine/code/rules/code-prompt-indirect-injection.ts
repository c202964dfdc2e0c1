// code-prompt-indirect-injection: stored or fetched content (database records, web pages, retrieved documents) in a
// system prompt, or concatenated into a prompt without delimiters.
// Doc: docs/rules/code-prompt-indirect-injection.md. Fixtures: test-fixtures/code/express/agent-tools/,
// test-fixtures/code/fastapi/agent-tools/.

import { codeRule } from './types';
import { fileUsesLlm } from '../llm';
import { llmCall, promptProblems } from '../promptParts';
import { allCallsOf, localsOf, pathOf, type FnFacts, type Val } from '../facts';
import type { TaintSource } from '../taint';

/** Where text comes from that someone other than the developer wrote: records, fetched pages, retrieved chunks. */
const STORED_CONTENT: [RegExp, string][] = [
  [
    /^[\w$]+(\.[\w$]+)*\.(findById|findByPk|findOne|findUnique|findUniqueOrThrow|findFirst|findMany|findAll|findOneBy|get_or_404|first_or_404|get_object_or_404)$|^get_object_or_404$/,
    'a stored record',
  ],
  [
    /^(fetch|axios|axios\.get|got|got\.get|requests\.get|httpx\.get|urlopen|urllib\.request\.urlopen)$/,
    'a fetched page',
  ],
  [
    /(similaritySearch|similaritySearchWithScore|similarity_search|similarity_search_with_score|max_marginal_relevance_search|get_relevant_documents|getRelevantDocuments|aget_relevant_documents)$|(retriever|Retriever)\.(invoke|ainvoke)$/,
    'retrieved documents',
  ],
];

export default codeRule({
  id: 'code-prompt-indirect-injection',
  severity: 'warning',
  owasp: 'API10:2023',
  cwe: 'CWE-1427',
  title: 'Stored or fetched content in an LLM prompt',
  summary:
    'Content the developer did not write (a database record, a fetched web page, retrieved documents) is placed in a system prompt, or concatenated into a prompt without delimiters, so whoever wrote that content can give the model instructions.',
  fixable: false,
  scope: 'statement',
  reads: { file: ['imports'] },
  check(ctx) {
    if (!fileUsesLlm(ctx.file)) return;
    const seen = new Set<number>();
    for (const fn of ctx.file.allFunctions) {
      for (const call of allCallsOf(fn)) {
        if (!llmCall(call, ctx.file)) continue;
        const sourceOf = (val: Val) => storedSource(val, fn, 0, new Set());
        for (const problem of promptProblems(call, sourceOf, fn)) {
          if (seen.has(problem.span.start)) continue;
          seen.add(problem.span.start);
          const what = problem.source.text.charAt(0).toUpperCase() + problem.source.text.slice(1);
          ctx.report({
            span: problem.span,
            message:
              problem.kind === 'system'
                ? `${what} goes into the system/developer prompt of \`${call.path.replace(/\(\)/g, '()')}\` on line ${ctx.line(call.val.span)}. Whoever wrote that content (any user who can store text, any site the server fetches) can give the model instructions: an indirect prompt injection. Keep the system prompt constant; pass the content in a user message, inside clear delimiters (<document>…</document>), and tell the model it is data.`
                : `${what} is concatenated into the prompt of \`${call.path.replace(/\(\)/g, '()')}\` on line ${ctx.line(call.val.span)} without delimiting it, so its text reads as instructions: whoever wrote it can steer the model (an indirect prompt injection). Wrap it in clear delimiters (<document>…</document>) and tell the model to treat it as data; never let it decide which tools run.`,
            aiLinked: true,
          });
        }
      }
    }
  },
});

/**
 * The stored or fetched content a value is made of, described for the message: "`doc` (a stored record from
 * `Document.findByPk()`)".
 */
function storedSource(val: Val, fn: FnFacts, depth: number, seen: Set<string>, name?: string): TaintSource | undefined {
  if (depth > 8) return undefined;
  switch (val.k) {
    case 'call': {
      const path = pathOf(val.callee).replace(/\(\)/g, '');
      const kind = STORED_CONTENT.find(([re]) => re.test(path))?.[1];
      if (kind)
        return {
          text: `${name ? `\`${name}\` (${kind} from \`${path}()\`)` : `${kind} from \`${path}()\``}`,
          span: val.span,
        };
      // `page.text()`, `docs.map((d) => d.pageContent).join('\n')`: made of what they are called on;
      // `'\n'.join(d.page_content for d in docs)`, `str(doc)`: made of their arguments
      const on = val.callee.k === 'member' ? storedSource(val.callee.object, fn, depth + 1, seen, name) : undefined;
      if (on || !/^(join|concat|format|str|String|repr)$/.test(path.split('.').pop() ?? '')) return on;
      for (const arg of val.args) {
        const s = storedSource(arg, fn, depth + 1, seen, name);
        if (s) return s;
      }
      return undefined;
    }
    case 'member':
    case 'index':
      return storedSource(val.object, fn, depth + 1, seen, name);
    case 'ref': {
      if (seen.has(val.name)) return undefined;
      seen.add(val.name);
      for (const v of localsOf(fn, val.name) ?? []) {
        const s = storedSource(v, fn, depth + 1, seen, name ?? val.name);
        if (s) return s;
      }
      return undefined;
    }
    case 'tmpl':
    case 'or':
    case 'arr':
    case 'other': {
      const parts = val.k === 'tmpl' ? val.parts : val.k === 'or' ? val.items : val.k === 'arr' ? val.items : val.parts;
      for (const p of parts) {
        const s = storedSource(p, fn, depth + 1, seen, name);
        if (s) return s;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
