// code-graphql-query-unbounded: A GraphQL server with no query depth or cost limit, or with batched requests on.
// Doc: docs/rules/code-graphql-query-unbounded.md. Fixtures: test-fixtures/code/express/graphql/,
// test-fixtures/code/flask/graphql/, test-fixtures/code/fastapi/graphql/.

import { codeRule, type CodeRuleContext } from './types';
import { kwarg, moduleOfCall, pathOf, prop, walkVal, type CallFact, type FileFacts, type Val } from '../facts';
import { resolveConstant } from '../moduleConstants';

/** JS GraphQL servers that take an option bag (`new ApolloServer({ … })`, `graphqlHTTP({ … })`, `createYoga`). */
const JS_SERVERS = /^(@apollo\/server|apollo-server(-[a-z]+)?|graphql-yoga|express-graphql|graphql-http(\/.*)?)$/;
const JS_SERVER_CALLS = /^(ApolloServer|graphqlHTTP|createYoga|createHandler)$/;
/** Libraries whose only job is limiting queries: importing one means the project limits them (how is its business). */
const LIMIT_LIBRARIES =
  /^(graphql-depth-limit|graphql-query-complexity|graphql-validation-complexity|graphql-cost-analysis|graphql-query-cost|@escape\.tech\/graphql-armor.*|graphql-armor|@envelop\/(depth-limit|rate-limiter)|graphql-rate-limit)$/;
/** Names of limit rules and plugins (`depthLimit(10)`, `createComplexityRule`, `useDepthLimit`, `armor.protect()`). */
const LIMIT_NAME =
  /depth|complexity|cost|armor|protect|maxTokens|maxAliases|QueryDepthLimiter|MaxTokensLimiter|MaxAliasesLimiter/i;
/** Python servers: `GraphQLView.as_view(schema=…)`, ariadne `GraphQL(schema)`, `strawberry.Schema(query=…)`. */
const PY_VIEWS = /^(GraphQLView|GraphQLApp|GraphQL)$/;
const PY_LIMIT_MODULES =
  /^(graphql_depth_limit|graphene\.validation|strawberry\.extensions|ariadne\.contrib\.tracing|graphql_query_cost)/;

export default codeRule({
  id: 'code-graphql-query-unbounded',
  severity: 'warning',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'GraphQL queries without depth or cost limits',
  summary:
    'A GraphQL server is created with no query depth or cost/complexity limit (no validation rule, plugin or extension that bounds queries), or with batched requests switched on: one nested or aliased query, or one batch, can cost the server thousands of resolver calls.',
  fixable: false,
  scope: 'statement',
  reads: { file: ['imports', 'moduleConstants', 'testCode'] },
  check(ctx) {
    if (ctx.fileContext.testCode) return;
    const file = ctx.file;
    const limitedByImport = file.imports.some((i) =>
      file.lang === 'js' ? LIMIT_LIBRARIES.test(i.module) : PY_LIMIT_MODULES.test(i.module),
    );
    for (const call of file.allCalls) {
      if (file.lang === 'js') checkJsServer(ctx, call, file, limitedByImport);
      else checkPythonServer(ctx, call, limitedByImport);
    }
  },
});

function mentionsLimit(val: Val | undefined): boolean {
  let found = false;
  walkVal(val, (v) => {
    if (v.k === 'call' && LIMIT_NAME.test(pathOf(v.callee))) found = true;
    else if (v.k === 'ref' && LIMIT_NAME.test(v.name)) found = true;
  });
  return found;
}

function checkJsServer(ctx: CodeRuleContext, call: CallFact, file: FileFacts, limitedByImport: boolean): void {
  if (!JS_SERVER_CALLS.test(call.method) || !JS_SERVERS.test(moduleOfCall(call, file) ?? '')) return;
  const options = resolveConstant(call.val.args[0], ctx.fileContext.moduleConstants)?.value;
  if (options?.k !== 'obj') return; // options built elsewhere: not judged
  const batching = prop(options, 'allowBatchedHttpRequests')?.value;
  const batchingOn = resolveConstant(batching, ctx.fileContext.moduleConstants)?.value;
  if (batchingOn?.k === 'bool' && batchingOn.value)
    ctx.report({
      span: batching!.span,
      message: `\`allowBatchedHttpRequests\` is on for the GraphQL server created on line ${ctx.line(call.val.span)}: one HTTP request can carry any number of operations, so a rate limit that counts requests does not bound the work. Turn it off, or cap the batch size in front of the server.`,
    });
  const rules = prop(options, 'validationRules')?.value;
  const plugins = prop(options, 'plugins')?.value;
  const limited =
    limitedByImport ||
    mentionsLimit(rules) ||
    mentionsLimit(plugins) ||
    // a validationRules list given as a name: the project built its own rules
    (rules !== undefined && rules.k !== 'arr');
  if (limited) return;
  ctx.report({
    span: call.nameSpan,
    message: `The GraphQL server created here (\`${call.method}\`) sets no query depth or cost limit: one deeply nested query (friends of friends of …) or a few hundred aliases in one request can cost thousands of resolver calls and exhaust the server. Add limits, for example \`validationRules: [depthLimit(10), createComplexityRule({ maximumComplexity: 1000 })]\` or graphql-armor's plugins.`,
  });
}

function checkPythonServer(ctx: CodeRuleContext, call: CallFact, limitedByImport: boolean): void {
  if (limitedByImport) return;
  const viewName = call.method === 'as_view' ? pathOf(call.val.callee).split('.').slice(-2)[0]! : call.method;
  const strawberrySchema = call.method === 'Schema' && /^strawberry\b/.test(call.path);
  if (!PY_VIEWS.test(viewName) && !strawberrySchema) return;
  if (strawberrySchema) {
    if (mentionsLimit(kwarg(call.val, 'extensions')?.value)) return;
  } else if (kwarg(call.val, 'validation_rules') || mentionsLimit(kwarg(call.val, 'middleware')?.value)) return;
  ctx.report({
    span: call.nameSpan,
    message: `The GraphQL ${strawberrySchema ? 'schema' : 'server'} created here sets no query depth or cost limit: one deeply nested query or a few hundred aliases in one request can cost thousands of resolver calls and exhaust the server. Add limits (${strawberrySchema ? '`extensions=[QueryDepthLimiter(max_depth=10), MaxAliasesLimiter(max_alias_count=15)]`' : '`validation_rules=[depth_limit_validator(max_depth=10)]`, or a cost validator'}).`,
  });
}
