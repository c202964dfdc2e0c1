# A namespace with no decorators: its resources are open.
from flask_restx import Namespace, Resource

ns = Namespace("hooks")


@ns.route("/<string:name>/replay")  # expect: code-route-without-auth
class Replay(Resource):
    def post(self, name):
        return {"replayed": name}, 202
