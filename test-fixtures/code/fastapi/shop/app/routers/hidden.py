# Routes kept out of the OpenAPI docs: hidden from readers, not from callers.
from fastapi import APIRouter

router = APIRouter(prefix="/shop")
legacy = APIRouter(prefix="/legacy", include_in_schema=False)
stats_router = APIRouter(prefix="/digest")


@router.get("/catalogue")  # ok: code-route-without-auth
def catalogue():
    return load_catalogue()


@router.get("/catalogue-dump", include_in_schema=False)  # expect: code-route-without-auth
def catalogue_dump():
    return load_catalogue()


@legacy.get("/catalogue")  # expect: code-route-without-auth
def legacy_catalogue():
    return load_catalogue()


@stats_router.get("/summary")  # expect: code-route-without-auth
def stats():
    return load_catalogue()


def load_catalogue():
    return [{"name": "book"}]
