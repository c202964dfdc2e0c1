# Routed by api/urls.py under /api/ (mysite/urls.py). DRF views are authenticated by
# REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] unless they say otherwise.
import requests
from django.http import HttpResponse
from rest_framework import viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Account, Note, Profile
from .serializers import AccountSerializer


class ProfileDetail(APIView):
    def get(self, request, pk):  # ok: code-route-without-auth
        profile = Profile.objects.get(pk=pk)
        #                         ^^^ code-object-lookup-without-ownership
        return Response({"id": profile.id, "name": profile.name, "ssn": profile.ssn})
        #                                                        ^^^^^ code-sensitive-data-in-response


class NoteList(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        notes = Note.objects.filter(owner=request.user)  # ok: code-object-lookup-without-ownership
        return Response([n.text for n in notes])

    def post(self, request):
        url = request.data["source_url"]
        content = requests.get(url, timeout=3).text
        #                      ^^^ code-ssrf
        Note.objects.create(owner=request.user, text=content)
        return Response(status=201)


@api_view(["GET"])
@permission_classes([AllowAny])
def public_stats(request):  # ok: code-route-without-auth
    return Response({"accounts": Account.objects.count()})


def export_csv(request):
#   ^^^^^^^^^^ code-route-without-auth
    return HttpResponse("id,name\n", content_type="text/csv")


class AccountViewSet(viewsets.ModelViewSet):
#     ^^^^^^^^^^^^^^ code-route-without-auth
    permission_classes = [AllowAny]
    serializer_class = AccountSerializer
    queryset = Account.objects.all()
