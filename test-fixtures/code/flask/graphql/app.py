# Graphene behind Flask: the in-browser IDE served in production, and a view without it.
from flask import Flask
from flask_graphql import GraphQLView

from schema import schema

app = Flask(__name__)
app.add_url_rule("/graphql", view_func=GraphQLView.as_view("graphql", schema=schema, graphiql=True))  # expect: code-graphql-introspection-enabled
app.add_url_rule("/api/graphql", view_func=GraphQLView.as_view("api", schema=schema, graphiql=False))  # ok: code-graphql-introspection-enabled
