# A blueprint with its own Api whose `decorators` protect every resource on it.
from flask import Blueprint
from flask_restful import Api, Resource

from auth import admin_required
from models import Report

admin_bp = Blueprint("admin", __name__, url_prefix="/admin")
admin_api = Api(admin_bp, decorators=[admin_required])


class ReportResource(Resource):
    def get(self, report_id):
        return {"id": Report.query.get_or_404(report_id).id}
        #                          ^^^^^^^^^^ code-object-lookup-without-ownership

    def delete(self, report_id):
        return "", 204


admin_api.add_resource(ReportResource, "/reports/<int:report_id>")  # ok: code-route-without-auth
