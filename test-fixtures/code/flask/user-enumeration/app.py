# A password-reset endpoint that says whether the account exists, and one that does not.
from flask import Flask, jsonify, request
from flask_limiter import Limiter

from .models import User, send_reset_mail

app = Flask(__name__)
limiter = Limiter(app, default_limits=["10 per minute"])


@app.post("/password/reset")  # expect: code-login-user-enumeration
def reset_password():
    user = User.query.filter_by(email=request.json["email"]).first()
    if user is None:
        return jsonify(error="No account with that email address"), 404
    send_reset_mail(user)
    return jsonify(status="sent")


@app.post("/v2/password/reset")  # ok: code-login-user-enumeration
def reset_password_v2():
    user = User.query.filter_by(email=request.json["email"]).first()
    if user is not None:
        send_reset_mail(user)
    return jsonify(status="If the account exists, we sent an email to it.")
