# Resources defined here, registered in app.py: findings about their bodies land in this file.
from flask import request
from flask_jwt_extended import jwt_required
from flask_restful import Resource

from models import User


class UserResource(Resource):
    # every method needs a valid token
    method_decorators = [jwt_required()]

    def get(self, pk):
        member = User.query.get_or_404(pk)
        #                   ^^^^^^^^^^ code-object-lookup-without-ownership
        return {"id": member.id, "name": member.name}

    def delete(self, pk):
        User.query.filter_by(id=pk).delete()
        #          ^^^^^^^^^ code-object-lookup-without-ownership
        return "", 204


class UserListResource(Resource):
    # only listing needs a token; POST is sign-up
    method_decorators = {"get": [jwt_required()]}

    def get(self):
        return [{"id": u.id} for u in User.query.all()]

    def post(self):
        user = User(**request.get_json())
        #      ^^^^ code-mass-assignment
        return {"id": user.id}, 201
