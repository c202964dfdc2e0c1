# Registered under /api (app.py); before_request rejects anonymous users for every route here.
import requests
from flask import Blueprint, abort, jsonify, request
from flask_login import current_user

from models import Post

api_bp = Blueprint("api", __name__)


@api_bp.before_request
def require_login():
    if not current_user.is_authenticated:
        abort(401)


@api_bp.route("/posts/<int:post_id>")
def get_post(post_id):  # ok: code-route-without-auth
    post = Post.query.get_or_404(post_id)
    #                 ^^^^^^^^^^ code-object-lookup-without-ownership
    return jsonify(id=post.id, title=post.title)


@api_bp.route("/my-posts/<int:post_id>")
def get_my_post(post_id):
    post = Post.query.filter_by(id=post_id, author_id=current_user.id).first_or_404()  # ok: code-object-lookup-without-ownership
    return jsonify(id=post.id)


@api_bp.route("/posts", methods=["POST"])
def create_post():
    post = Post(**request.get_json())
    #      ^^^^ code-mass-assignment
    return jsonify(id=post.id), 201


@api_bp.get("/link-preview")
def link_preview():
    target = request.args.get("url")
    page = requests.get(target, timeout=5, verify=False)
    #                   ^^^^^^ code-ssrf
    #                                             ^^^^^ code-tls-verification-disabled
    return jsonify(status=page.status_code)


@api_bp.get("/status")
def status():
    try:
        return jsonify(ok=ping_db())
    except Exception as e:
        return jsonify(error=str(e)), 500
        #                    ^^^^^^ code-error-details-exposed


def ping_db():
    return True
