# Flask class-based views: MethodView classes from another module, a view bound once and registered twice,
# plain function views, and blueprints with prefixes.
from flask import Flask

from admin import admin_bp, internal_bp
from items import GroupAPI, ItemAPI

app = Flask(__name__)

app.add_url_rule("/items/<int:item_id>", view_func=ItemAPI.as_view("item"))  # ok: code-route-without-auth

group_view = GroupAPI.as_view("groups")
app.add_url_rule("/groups", view_func=group_view, methods=["GET", "POST"])  # ok: code-route-without-auth
app.add_url_rule("/groups/all", view_func=group_view, methods=["DELETE"])  # expect: code-route-without-auth


def reset_cache():
    return {"ok": True}


app.add_url_rule("/cache/reset", "reset_cache", reset_cache, methods=["POST"])  # expect: code-route-without-auth

app.register_blueprint(admin_bp, url_prefix="/admin")
app.register_blueprint(internal_bp)
