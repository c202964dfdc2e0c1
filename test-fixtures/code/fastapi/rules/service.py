# One FastAPI service with the Python cases of the configuration and LLM rules, safe and unsafe.
import logging
import os
import ssl
import subprocess

import jwt
import requests
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from openai import OpenAI

app = FastAPI(debug=os.environ.get("DEBUG") == "1")  # ok: code-debug-mode-enabled
app.add_middleware(CORSMiddleware, allow_origins=["https://shop.example.com"], allow_credentials=True)  # ok: code-cors-any-origin-with-credentials
app.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)
#                                                     ^^^^ code-cors-any-origin-with-credentials
client = OpenAI()
PUBLIC_KEY = os.environ["JWT_PUBLIC_KEY"]
log = logging.getLogger(__name__)

legacy_context = ssl._create_unverified_context()
#                    ^^^^^^^^^^^^^^^^^^^^^^^^^^ code-tls-verification-disabled


def current_user(request: Request):
    token = request.headers.get("authorization", "").removeprefix("Bearer ")
    try:
        claims = jwt.decode(token, PUBLIC_KEY)
        #            ^^^^^^ code-jwt-unsafe-verification
    except jwt.PyJWTError:
        raise HTTPException(status_code=401)
    return claims


def claims_without_expiry(token: str):
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], options={"verify_exp": False})
    #                                                                                 ^^^^^ code-jwt-unsafe-verification


@app.get("/ping")
def ping():
    resp = requests.get("https://status.example.com/health", timeout=2, verify=True)  # ok: code-tls-verification-disabled, code-ssrf
    return {"upstream": resp.status_code}


@app.get("/orders/{order_id}")
def get_order(order_id: int, user=Depends(current_user)):
    try:
        return {"order": load_order(order_id, user["sub"])}
    except Exception:
        log.exception("order lookup failed")
        raise HTTPException(status_code=500, detail="Internal error")  # ok: code-error-details-exposed


@app.post("/assistant")
#         ^^^^^^^^^^^^ code-missing-rate-limit
def assistant(question: str, user=Depends(current_user)):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        max_tokens=300,
        messages=[
            {"role": "system", "content": "You are the shop assistant. User: " + user["name"] + ". Question follows."},
            {"role": "developer", "content": f"Answer in the language of: {question}"},
#                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ code-prompt-injection
        ],
    )
    answer = completion.choices[0].message.content
    log.info("answer %s", answer)  # ok: code-llm-output-unvalidated
    subprocess.run(["notify-send", "answered"], check=False)  # ok: code-llm-output-unvalidated
    subprocess.run(answer, shell=True)
    #          ^^^ code-llm-output-unvalidated
    return {"answer": answer}


def load_order(order_id, owner):
    return {"id": order_id, "owner": owner}
