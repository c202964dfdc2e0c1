# Flask and PyJWT with short signing keys and a default for the environment variable.
import os

import jwt
from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["SECRET_KEY"] = "dev"
#                          ^^^^^ code-hardcoded-secret
JWT_SECRET_KEY = os.getenv("JWT_SECRET_KEY", "changeme")
#                                            ^^^^^^^^^^ code-hardcoded-secret
APP_NAME = "conduit"  # ok: code-hardcoded-secret


@app.post("/token")  # expect: code-missing-rate-limit
def token():
    return jsonify(token=jwt.encode({"sub": request.json["user"]}, "key", algorithm="HS256"))
    #                                                              ^^^^^ code-hardcoded-secret
