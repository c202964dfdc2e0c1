// GraphQL servers with the schema map and internal errors handed out, and one set up for production.
const express = require('express');
const { ApolloServer } = require('@apollo/server');
const { graphqlHTTP } = require('express-graphql');
const { typeDefs, resolvers, schema } = require('./schema');

const server = new ApolloServer({ typeDefs, resolvers, introspection: true }); // expect: code-graphql-query-unbounded
//                                                                    ^^^^ code-graphql-introspection-enabled

const devOptions = { schema, graphiql: true };
const legacy = graphqlHTTP(devOptions); // expect: code-graphql-query-unbounded
//                         ^^^^^^^^^^ code-graphql-introspection-enabled

const production = new ApolloServer({ // expect: code-graphql-query-unbounded
  typeDefs,
  resolvers,
  introspection: process.env.NODE_ENV !== 'production', // ok: code-graphql-introspection-enabled
  debug: false, // ok: code-graphql-introspection-enabled
});

const app = express();
app.use('/graphql', legacy);

module.exports = { app, server, production };
