// code-graphql-introspection-enabled: a GraphQL server set up with introspection, debug output or the in-browser
// IDE switched on explicitly. Doc: docs/rules/code-graphql-introspection-enabled.md.
// Fixtures: test-fixtures/code/express/graphql/, test-fixtures/code/flask/graphql/.

import { codeRule, type CodeRuleContext } from './types';
import { kwarg, moduleOfCall, pathOf, prop, type CallFact, type Val } from '../facts';
import { resolveConstant, type ModuleConstant } from '../moduleConstants';

/** JS GraphQL servers and the option bag they take (`new ApolloServer({ … })`, `graphqlHTTP({ … })`). */
const JS_SERVERS = /^(@apollo\/server|apollo-server(-[a-z]+)?|graphql-yoga|mercurius|express-graphql|graphql-http)/;
const JS_OPTIONS = ['introspection', 'debug', 'graphiql', 'playground'];
/** Python views and routers: `GraphQLView.as_view(graphiql=True)`, `GraphQLRouter(schema, graphiql=True)`. */
const PY_CALLS = /^(GraphQLView|GraphQLRouter|GraphQLApp|GraphQL|make_graphiql_handler)$/;
const PY_OPTIONS = ['graphiql', 'debug', 'introspection'];

const WHY: Record<string, string> = {
  introspection: 'lets any caller download the whole schema (every type, field and mutation, internal ones included)',
  debug: 'sends stack traces and internal error details to callers',
  graphiql: 'serves an in-browser IDE that explores the schema through introspection',
  playground: 'serves an in-browser IDE that explores the schema through introspection',
};

export default codeRule({
  id: 'code-graphql-introspection-enabled',
  severity: 'warning',
  owasp: 'API8:2023',
  cwe: 'CWE-200',
  title: 'GraphQL introspection or debug enabled',
  summary:
    'A GraphQL server is created with `introspection`, `debug`, `graphiql` or `playground` switched on explicitly, handing attackers the schema map or internal errors in production.',
  fixable: false,
  scope: 'statement',
  reads: { file: ['imports', 'moduleConstants', 'testCode'] },
  check(ctx) {
    if (ctx.fileContext.testCode) return;
    const file = ctx.file;
    for (const call of file.allCalls) {
      if (file.lang === 'js') {
        if (!JS_SERVERS.test(moduleOfCall(call, file) ?? '')) continue;
        const options = resolveConstant(call.val.args[0], ctx.fileContext.moduleConstants);
        // Options held in a constant are reported where they are passed, with the constant named.
        const at = options?.via ? call.val.args[0] : undefined;
        for (const key of JS_OPTIONS) reportIfOn(ctx, call, key, prop(options?.value, key)?.value, at, options?.via);
      } else {
        const name = call.method === 'as_view' ? pathOf(call.val.callee).split('.').slice(-2)[0]! : call.method;
        if (!PY_CALLS.test(name)) continue;
        for (const key of PY_OPTIONS) reportIfOn(ctx, call, key, kwarg(call.val, key)?.value);
      }
    }
  },
});

function reportIfOn(
  ctx: CodeRuleContext,
  call: CallFact,
  key: string,
  written: Val | undefined,
  passed?: Val,
  constant?: ModuleConstant,
): void {
  // A name inside options imported from another module is that module's name, not one of this file's constants.
  const value = resolveConstant(written, constant?.file ? undefined : ctx.fileContext.moduleConstants)?.value;
  if (value?.k !== 'bool' || !value.value) return;
  // Options imported from another module are named with where they are defined.
  const where = constant?.file ? `, defined on line ${ctx.line(constant.nameSpan, constant.file)}` : '';
  const via = passed ? ` (in \`${ctx.snippet(passed.span, 30)}\`${where})` : '';
  ctx.report({
    span: (passed ?? written!).span,
    message: `\`${key}\`${via} is switched on for the GraphQL server created on line ${ctx.line(call.val.span)}: it ${WHY[key]}. Turn it off in production (for example \`${key}: process.env.NODE_ENV !== 'production'\`), and add depth and cost limits to the schema.`,
  });
}
