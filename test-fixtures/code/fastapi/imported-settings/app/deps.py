# Token checks whose verification flags come from the settings module, imported absolutely.
import jwt

from app.core.config import DECODE_OPTIONS, STRICT_OPTIONS, VERIFY_SIGNATURE


def current_user(token: str):
    claims = jwt.decode(token, "", options=DECODE_OPTIONS)
    #            ^^^^^^ code-jwt-decode-without-verify
    return claims["sub"]


def current_service(token: str):
    return jwt.decode(token, verify=VERIFY_SIGNATURE)["sub"]
    #          ^^^^^^ code-jwt-decode-without-verify


def current_admin(token: str, key: str):
    return jwt.decode(token, key, algorithms=["HS256"], options=STRICT_OPTIONS)["sub"]  # ok: code-jwt-decode-without-verify
