from django.contrib.auth.decorators import login_required
from rest_framework.permissions import IsAdminUser, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView


class UserListApi(APIView):
    permission_classes = [IsAdminUser]

    def get(self, request):  # ok: code-admin-route-without-role
        return Response([])


class UserAdminApi(APIView):
    permission_classes = [IsAuthenticated]

    def delete(self, request, pk):  # expect: code-admin-route-without-role
        return Response(status=204)


class UserRoleApi(APIView):
    permission_classes = [IsAuthenticated]

    def put(self, request, pk):  # expect: code-admin-route-without-role
        return Response({"pk": pk})


@login_required
def export_orders(request):  # expect: code-admin-route-without-role
    return Response([])


@login_required
def all_reports(request):  # ok: code-admin-route-without-role
    if not request.user.has_perm("staff.view_reports"):
        return Response(status=403)
    return Response([])
