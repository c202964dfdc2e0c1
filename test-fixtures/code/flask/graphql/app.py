# Graphene behind Flask: the in-browser IDE served in production, and a view without it.
from flask import Flask
from flask_graphql import GraphQLView

from schema import schema

app = Flask(__name__)
app.add_url_rule("/graphql", view_func=GraphQLView.as_view("graphql", schema=schema, graphiql=True))  # expect: code-graphql-introspection-enabled, code-graphql-query-unbounded
app.add_url_rule("/api/graphql", view_func=GraphQLView.as_view("api", schema=schema, graphiql=False))  # ok: code-graphql-introspection-enabled  # expect: code-graphql-query-unbounded
app.add_url_rule(
    "/v2/graphql",
    view_func=GraphQLView.as_view("v2", schema=schema, validation_rules=[depth_limit_validator(max_depth=10)]),  # ok: code-graphql-query-unbounded
)


def depth_limit_validator(max_depth):
    return max_depth
