from fastapi import FastAPI

app = FastAPI()


@app.get("/invoices/{invoice_id}")  # ok: xref-shadow-endpoint
def invoice(invoice_id: str):
    return {"id": invoice_id}


@app.post("/internal/refunds")  # ok: xref-shadow-endpoint
def refund(payload: dict):
    return payload


# documented in the accounts spec, not in either billing spec: a shadow endpoint of billing
@app.get("/health")  # expect: xref-shadow-endpoint
def health():
    return {"ok": True}
