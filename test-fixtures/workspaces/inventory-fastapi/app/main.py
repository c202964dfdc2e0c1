from fastapi import FastAPI

from app.routers import items

app = FastAPI()
app.include_router(items.router, prefix="/api/v2")


@app.get("/api/v2/health", include_in_schema=False)  # expect: xref-shadow-endpoint
def health():
    return {"ok": True}
