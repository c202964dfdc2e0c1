from rest_framework.permissions import BasePermission


class IsStaff(BasePermission):
    """Staff only: DRF answers 403 when has_permission returns a false value."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_staff)
