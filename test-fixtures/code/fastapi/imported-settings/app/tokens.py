# Verification flags read as attributes of the imported settings module.
import jwt

from app.core import config


def current_device(token: str):
    return jwt.decode(token, verify=config.VERIFY_SIGNATURE)["sub"]
    #          ^^^^^^ code-jwt-decode-without-verify


def current_partner(token: str, key: str):
    return jwt.decode(token, key, algorithms=["HS256"], options=config.STRICT_OPTIONS)["sub"]  # ok: code-jwt-decode-without-verify
