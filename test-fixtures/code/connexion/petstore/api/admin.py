def reindex():
    return {"status": "started"}, 202
