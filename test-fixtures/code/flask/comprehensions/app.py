# Lists built by comprehensions: each element is sent as the comprehension builds it.
from flask import Flask, jsonify
from flask_login import login_required

from models import User

app = Flask(__name__)


# a comprehension builds each element of the list that is sent
@app.get("/authors")
@login_required
def authors():
    users = User.query.all()
    return jsonify([{"id": u.id, "name": u.name, "password_hash": u.password_hash} for u in users])
    #                                            ^^^^^^^^^^^^^^^ code-sensitive-data-in-response


@app.get("/authors/names")
@login_required
def author_names():
    users = User.query.all()
    return jsonify([{"id": u.id, "name": u.name} for u in users])  # ok: code-sensitive-data-in-response
