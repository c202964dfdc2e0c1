# The FastAPI app: include_router prefixes and dependencies decide which routes are authenticated.
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.deps import get_current_user
from app.routers import admin, auth, chat, hidden, items

app = FastAPI(title="Shop", debug=True)
#                                 ^^^^ code-debug-mode-enabled
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"])
#                                                ^^^^^ code-cors-any-origin-with-credentials

app.include_router(auth.router, prefix="/auth")
app.include_router(items.router, prefix="/api", dependencies=[Depends(get_current_user)])
app.include_router(admin.router, prefix="/admin")
app.include_router(chat.router, prefix="/api")
app.include_router(hidden.router)
app.include_router(hidden.legacy)
app.include_router(hidden.stats_router, include_in_schema=False)


@app.get("/health")
def health():  # ok: code-route-without-auth
    return {"ok": True}
