# Strawberry on FastAPI: a schema without limits, and one with depth and alias limits.
import strawberry
from fastapi import FastAPI
from strawberry.fastapi import GraphQLRouter


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "hi"


schema = strawberry.Schema(query=Query)  # expect: code-graphql-query-unbounded
app = FastAPI()
app.include_router(GraphQLRouter(schema), prefix="/graphql")
