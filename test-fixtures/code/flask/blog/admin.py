# Registered without a prefix (app.py); the blueprint carries /admin itself. Only some routes are protected.
import os
from functools import wraps

from flask import Blueprint, abort, jsonify, request
from flask_login import login_required

admin_bp = Blueprint("admin", __name__, url_prefix="/admin")


def require_api_key(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if request.headers.get("X-Api-Key") != os.environ["ADMIN_API_KEY"]:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def audit(view):
    """Logs the call. Not authentication."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        print("admin call", request.path)
        return view(*args, **kwargs)

    return wrapper


@admin_bp.route("/users/<int:uid>", methods=["DELETE"])
@login_required
def delete_user(uid):  # ok: code-route-without-auth
    return jsonify(deleted=uid)


@admin_bp.route("/reindex", methods=["POST"])
@require_api_key
def reindex():  # ok: code-route-without-auth
    return jsonify(ok=True)


@admin_bp.route("/stats")
#               ^^^^^^^^ code-route-without-auth
@audit
def stats():
    return jsonify(users=10)
