# Project decorators: judged by what their bodies do, as for plain Flask views.
from functools import wraps

from flask import abort
from flask_jwt_extended import get_jwt, verify_jwt_in_request


def admin_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        verify_jwt_in_request()
        if not get_jwt().get("is_admin"):
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def log_call(view):
    """Logs the call. Not authentication."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        print("call", view.__name__)
        return view(*args, **kwargs)

    return wrapper
