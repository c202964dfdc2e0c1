# MethodView classes, registered in app.py: one route per HTTP-method function; `decorators` wraps them all.
from flask import request
from flask.views import MethodView
from flask_login import login_required

from models import Group, Item


class ItemAPI(MethodView):
    decorators = [login_required]

    def get(self, item_id):
        item = Item.query.get_or_404(item_id)
        #                 ^^^^^^^^^^ code-object-lookup-without-ownership
        return {"id": item.id}

    def put(self, item_id):
        item = Item(**request.get_json())
        #      ^^^^ code-mass-assignment
        return {"id": item.id}


class GroupAPI(MethodView):
    def get(self):
        return [{"id": g.id} for g in Group.query.all()]

    @login_required
    def post(self):
        return {"created": True}, 201

    def delete(self):
        Group.query.delete()
        return "", 204
