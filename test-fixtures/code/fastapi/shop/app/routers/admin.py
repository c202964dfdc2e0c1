# Included under /admin with no auth of its own; the router dependency only decodes the token.
from fastapi import APIRouter, Depends

from app.deps import get_db, get_token_claims

router = APIRouter(prefix="/users", dependencies=[Depends(get_token_claims)])


@router.get("")
#           ^^ code-route-without-auth
def list_users(db=Depends(get_db)):
    return []


@router.delete("/{user_id}")
#              ^^^^^^^^^^^^ code-route-without-auth
def delete_user(user_id: int, db=Depends(get_db)):
    try:
        db.delete_user(user_id)
    except Exception as exc:
        return {"error": str(exc)}
        #                ^^^^^^^^ code-error-details-exposed
    return {"deleted": user_id}
