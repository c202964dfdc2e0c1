# An unauthenticated resource: nothing on the class, its methods or the Api checks a caller.
from flask_restful import Resource

from auth import log_call
from models import Order


class OrderResource(Resource):
    method_decorators = [log_call]

    def get(self, order_id):
        order = Order.query.get_or_404(order_id)  # ok: code-object-lookup-without-ownership
        return {"id": order.id, "total": order.total}

    def delete(self, order_id):
        Order.query.filter_by(id=order_id).delete()
        return "", 204
