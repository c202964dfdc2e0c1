from functools import wraps

from flask import Flask, abort, jsonify
from flask_jwt_extended import JWTManager, current_user, jwt_required

app = Flask(__name__)
jwt = JWTManager(app)


def admin_required(view):
    """Lets through administrators only (after jwt_required has identified the caller)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


@app.route("/admin/users")  # ok: code-admin-route-without-role
@jwt_required()
@admin_required
def list_users():
    return jsonify(count=0)


@app.route("/admin/users/<int:user_id>/role", methods=["PUT"])  # expect: code-admin-route-without-role
@jwt_required()
def set_role(user_id):
    return jsonify(user=user_id)


@app.route("/users/<int:user_id>", methods=["DELETE"])  # ok: code-admin-route-without-role
@jwt_required()
def delete_user(user_id):
    if "admin" not in current_user.roles:
        abort(403)
    return jsonify(deleted=user_id)


@app.route("/refunds", methods=["POST"])  # expect: code-admin-route-without-role
@jwt_required()
def refund():
    return jsonify(refunded=True)


# Not authenticated: code-route-without-auth's finding, not this rule's.
@app.route("/admin/flush", methods=["POST"])  # expect: code-route-without-auth
# ok: code-admin-route-without-role
def flush():
    return jsonify(flushed=True)
