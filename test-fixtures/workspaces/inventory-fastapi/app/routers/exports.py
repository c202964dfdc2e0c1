from fastapi import APIRouter

# This router is included nowhere in the project: its prefix is unknown, and the spec has two operations its path
# could be (/reports/export, /users/export). The inventory says it is ambiguous rather than guess.
router = APIRouter()


@router.get("/export")  # ok: xref-shadow-endpoint
def export():
    return "id,name\n"
