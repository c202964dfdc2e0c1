# Flask-RESTful app: an Api on the app with a prefix, resources from other modules, and two blueprint Apis.
from flask import Flask
from flask_jwt_extended import JWTManager, jwt_required
from flask_restful import Api, Resource

from admin import admin_bp
from billing import billing_bp
from resources.orders import OrderResource
from resources.users import UserListResource, UserResource

app = Flask(__name__)
jwt = JWTManager(app)
api = Api(app, prefix="/v1")


class ExportResource(Resource):
    @jwt_required()
    def get(self):
        return {"rows": []}

    def post(self):
        return {"started": True}, 202


api.add_resource(UserResource, "/users/<int:pk>", "/members/<int:pk>")  # ok: code-route-without-auth
api.add_resource(UserListResource, "/users")  # ok: code-route-without-auth
api.add_resource(OrderResource, "/orders/<int:order_id>")  # expect: code-route-without-auth
api.add_resource(ExportResource, "/exports")  # expect: code-route-without-auth

app.register_blueprint(admin_bp)
app.register_blueprint(billing_bp, url_prefix="/billing")
