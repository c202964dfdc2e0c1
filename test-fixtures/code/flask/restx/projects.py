# A namespace whose decorators require a token for every resource on it, except where noted.
from flask_jwt_extended import jwt_required
from flask_restx import Namespace, Resource

from models import Project

ns = Namespace("projects", decorators=[jwt_required()])


@ns.route("/<int:project_id>")  # ok: code-route-without-auth
class ProjectItem(Resource):
    def get(self, project_id):
        return {"id": Project.query.get_or_404(project_id).id}
        #                           ^^^^^^^^^^ code-object-lookup-without-ownership

    def put(self, project_id):
        project = Project(**ns.payload)
        #         ^^^^^^^ code-mass-assignment
        return {"id": project.id}
