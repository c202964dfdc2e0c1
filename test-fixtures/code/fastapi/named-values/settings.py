# Module constants used later: verification switched off and a CORS set-up, both named rather than inline.
import jwt
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

VERIFY_SIGNATURE = False
DECODE_OPTIONS = {"verify_signature": False}
ORIGINS = ["*"]
ALLOW_CREDENTIALS = True

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=ORIGINS, allow_credentials=ALLOW_CREDENTIALS)
#                                                ^^^^^^^ code-cors-any-origin-with-credentials


def current_user(token: str):
    claims = jwt.decode(token, "", options=DECODE_OPTIONS)
    #            ^^^^^^ code-jwt-decode-without-verify
    return claims["sub"]


def current_service(token: str):
    return jwt.decode(token, verify=VERIFY_SIGNATURE)["sub"]
    #          ^^^^^^ code-jwt-decode-without-verify
