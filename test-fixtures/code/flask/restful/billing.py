# A blueprint whose before_request hook authenticates every resource of its Api.
from flask import Blueprint
from flask_jwt_extended import verify_jwt_in_request
from flask_restful import Api, Resource

billing_bp = Blueprint("billing", __name__)
billing_api = Api(billing_bp)


@billing_bp.before_request
def require_token():
    verify_jwt_in_request()


class InvoiceResource(Resource):
    def get(self, invoice_id):
        return {"id": invoice_id}

    def post(self, invoice_id):
        return {"paid": invoice_id}


billing_api.add_resource(InvoiceResource, "/invoices/<int:invoice_id>")  # ok: code-route-without-auth
