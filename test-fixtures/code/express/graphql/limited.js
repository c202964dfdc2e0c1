// GraphQL servers with their queries bounded, and one that accepts batches of operations.
const { ApolloServer } = require('@apollo/server');
const { createYoga } = require('graphql-yoga');
const { typeDefs, resolvers, schema } = require('./schema');

function depthLimit(max) {
  return () => max;
}

const bounded = new ApolloServer({ typeDefs, resolvers, validationRules: [depthLimit(10)] }); // ok: code-graphql-query-unbounded

const batched = new ApolloServer({
  typeDefs,
  resolvers,
  validationRules: [depthLimit(10)], // ok: code-graphql-query-unbounded
  allowBatchedHttpRequests: true, // expect: code-graphql-query-unbounded
});

const yoga = createYoga({ schema, plugins: [useDepthLimit({ maxDepth: 10 })] }); // ok: code-graphql-query-unbounded

const open = createYoga({ schema }); // expect: code-graphql-query-unbounded

function useDepthLimit(options) {
  return options;
}

module.exports = { bounded, batched, yoga, open };
