# Every signed-in user administers this tool: nothing in the project checks a role.
import os
from typing import Annotated

import jwt
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/token")


def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]):
    try:
        return jwt.decode(token, os.environ["SECRET_KEY"], algorithms=["HS256"])
    except jwt.PyJWTError:
        raise HTTPException(status_code=401)


@app.post("/admin/users/{user_id}/ban")  # ok: code-admin-route-without-role
def ban_user(user_id: int, user: Annotated[dict, Depends(get_current_user)]):
    return {"banned": user_id}
