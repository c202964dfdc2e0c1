# Every signed-in user may do everything in this tool: nothing in the project checks a role.
from flask import Flask, jsonify
from flask_jwt_extended import JWTManager, jwt_required

app = Flask(__name__)
jwt = JWTManager(app)


@app.route("/admin/users/<int:user_id>", methods=["DELETE"])  # ok: code-admin-route-without-role
@jwt_required()
def delete_user(user_id):
    return jsonify(deleted=user_id)
