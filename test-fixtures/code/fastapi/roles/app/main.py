from fastapi import Depends, FastAPI, HTTPException

from app.deps import CurrentUser, get_current_active_superuser

app = FastAPI()


@app.get("/admin/users", dependencies=[Depends(get_current_active_superuser)])  # ok: code-admin-route-without-role
def list_users():
    return {"count": 0}


@app.post("/admin/users/{user_id}/ban")  # expect: code-admin-route-without-role
def ban_user(user_id: int, current_user: CurrentUser):
    return {"banned": user_id}


@app.delete("/users/{user_id}")  # ok: code-admin-route-without-role
def delete_user(user_id: int, current_user: CurrentUser):
    if not current_user.is_superuser:
        raise HTTPException(status_code=403, detail="Not enough privileges")
    return {"deleted": user_id}


@app.patch("/users/{user_id}/status")  # expect: code-admin-route-without-role
def set_status(user_id: int, active: bool, current_user: CurrentUser):
    return {"user": user_id, "active": active}


@app.get("/export")  # expect: code-admin-route-without-role
def export_everything(current_user: CurrentUser):
    return {"rows": []}


@app.delete("/users/me")  # ok: code-admin-route-without-role
def delete_me(current_user: CurrentUser):
    return {"deleted": current_user.id}


# Not authenticated at all: code-route-without-auth's finding, not this rule's.
@app.post("/internal/reindex")  # expect: code-route-without-auth
# ok: code-admin-route-without-role
def reindex():
    return {"started": True}
