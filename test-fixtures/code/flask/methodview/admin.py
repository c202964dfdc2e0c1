# A blueprint with a before_request login check, a plain View, and an open internal blueprint.
from flask import Blueprint, abort
from flask.views import MethodView, View
from flask_login import current_user

admin_bp = Blueprint("admin", __name__)
internal_bp = Blueprint("internal", __name__, url_prefix="/internal")


@admin_bp.before_request
def require_login():
    if not current_user.is_authenticated:
        abort(401)


class StatsView(View):
    methods = ["GET", "POST"]

    def dispatch_request(self):
        return {"users": 10}


class AccountAdminAPI(MethodView):
    def delete(self, account_id):
        return "", 204


admin_bp.add_url_rule("/stats", view_func=StatsView.as_view("stats"))  # ok: code-route-without-auth
internal_bp.add_url_rule("/accounts/<int:account_id>", view_func=AccountAdminAPI.as_view("account"))  # expect: code-route-without-auth
