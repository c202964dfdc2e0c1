from fastapi import APIRouter
from fastapi.security import OAuth2PasswordRequestForm
from fastapi import Depends

router = APIRouter()


@router.post("/token")
#            ^^^^^^^^ code-missing-rate-limit
def login(form: OAuth2PasswordRequestForm = Depends()):  # ok: code-route-without-auth
    return {"access_token": "…", "token_type": "bearer"}  # ok: code-sensitive-data-in-response
