# CORS set up from settings imported relatively: judged by the values written in core/config.py.
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .core.config import ADMIN_ORIGINS, ALLOW_CREDENTIALS, CORS_ORIGINS

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=CORS_ORIGINS, allow_credentials=ALLOW_CREDENTIALS)
#                                                ^^^^^^^^^^^^ code-cors-any-origin-with-credentials

admin = FastAPI()
admin.add_middleware(CORSMiddleware, allow_origins=ADMIN_ORIGINS, allow_credentials=True)  # ok: code-cors-any-origin-with-credentials
