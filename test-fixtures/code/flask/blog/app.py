# Flask app: blueprints get their prefixes here; the api blueprint authenticates in before_request.
from flask import Flask, jsonify, request
from flask_cors import CORS

from admin import admin_bp
from api import api_bp

app = Flask(__name__)
app.secret_key = "flask-session-secret-2024"
#                ^^^^^^^^^^^^^^^^^^^^^^^^^^^ code-hardcoded-secret
CORS(app, supports_credentials=True)
#                              ^^^^ code-cors-any-origin-with-credentials

app.register_blueprint(api_bp, url_prefix="/api")
app.register_blueprint(admin_bp)


@app.route("/")
def index():  # ok: code-route-without-auth
    return jsonify(name="blog")


@app.post("/login")
#         ^^^^^^^^ code-missing-rate-limit
def login():  # ok: code-route-without-auth
    user = find_user(request.form["email"])
    return jsonify(ok=user is not None)


@app.route("/subscribe", methods=["POST"])
#          ^^^^^^^^^^^^ code-route-without-auth
def subscribe():
    return jsonify(ok=True), 201


@app.get("/tags")  # ok: code-route-without-auth
def tags():
    return jsonify(tags=list_tags())


@app.post("/users")  # ok: code-route-without-auth
def sign_up():
    return jsonify(id=user_create(email=request.json["email"])), 201


@app.get("/seed")  # expect: code-route-without-auth
def seed():
    user_create(email="demo@example.com")
    return jsonify(ok=True)


def find_user(email):
    return None


def list_tags():
    return ["python"]


def user_create(email):
    return 1


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
    #                             ^^^^ code-debug-mode-enabled
