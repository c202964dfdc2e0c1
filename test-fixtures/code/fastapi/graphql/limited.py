# A Strawberry schema with its queries bounded.
import strawberry
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter

from app import Query

schema = strawberry.Schema(  # ok: code-graphql-query-unbounded
    query=Query,
    extensions=[QueryDepthLimiter(max_depth=10), MaxAliasesLimiter(max_alias_count=15)],
)
