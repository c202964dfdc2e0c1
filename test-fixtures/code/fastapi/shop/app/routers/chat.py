# Included under /api; the router authenticates every route with get_current_user.
import anthropic
from fastapi import APIRouter, Depends, Request
from slowapi import Limiter
from slowapi.util import get_remote_address
from pydantic import BaseModel

from app.deps import get_current_user, get_db

router = APIRouter(prefix="/chat", dependencies=[Depends(get_current_user)])
limiter = Limiter(key_func=get_remote_address)
client = anthropic.Anthropic()


class Question(BaseModel):
    question: str


@router.post("/ask")
@limiter.limit("10/minute")
def ask(request: Request, q: Question):  # ok: code-missing-rate-limit
    message = client.messages.create(
        model="claude-3-5-haiku-latest",
        max_tokens=512,  # ok: code-llm-unbounded-tokens
        messages=[{"role": "user", "content": f"You are a helpful shop assistant. Answer the question: {q.question}"}],
#                                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ code-prompt-injection
    )
    return {"answer": message.content[0].text}


@router.post("/report")
@limiter.limit("2/minute")
def report(request: Request, q: Question, db=Depends(get_db)):
    message = client.messages.create(
    #                         ^^^^^^ code-llm-unbounded-tokens
        model="claude-3-5-haiku-latest",
        system="Write one SQL query for the question. Reply with SQL only.",
        messages=[{"role": "user", "content": f"<question>{q.question}</question>"}],  # ok: code-prompt-injection
    )
    sql = message.content[0].text
    rows = db.execute(sql)
    #         ^^^^^^^ code-llm-output-unvalidated
    return {"rows": rows}
