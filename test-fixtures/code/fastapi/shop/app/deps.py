import os

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer

SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-dev-key-42")
#                                         ^^^^^^^^^^^^^^^^^^^^^ code-hardcoded-secret
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


def get_db():
    yield None


def get_current_user(token: str = Depends(oauth2_scheme)):
    try:
        payload = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])  # ok: code-jwt-unsafe-verification
    except jwt.PyJWTError:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid token")
    return {"id": payload["sub"], "role": payload.get("role")}


def get_token_claims(token: str = Depends(oauth2_scheme)):
    # "fast path" for the admin pages: no signature check
    return jwt.decode(token, options={"verify_signature": False})
    #          ^^^^^^ code-jwt-decode-without-verify
