# Flask-RESTX: an Api bound in an app factory, namespaces added here with their own paths.
from flask import Blueprint, Flask
from flask_restx import Api

from projects import ns as projects_ns
from webhooks import ns as hooks_ns

api_bp = Blueprint("api", __name__, url_prefix="/api")
api = Api(api_bp, version="1.0", doc="/docs")


def create_app():
    app = Flask(__name__)
    api.add_namespace(projects_ns)
    api.add_namespace(hooks_ns, path="/integrations")
    app.register_blueprint(api_bp)
    return app
