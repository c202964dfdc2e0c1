# ViewSets routed by routers (store/urls.py under /api/, store/staff_urls.py under /staff/). The project's
# DEFAULT_PERMISSION_CLASSES is IsAuthenticated (shop/settings.py).
from rest_framework import mixins, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.permissions import AllowAny, IsAdminUser, IsAuthenticated
from rest_framework.response import Response

from .models import Article, Comment, Order, User
from .permissions import IsStaff
from .serializers import ArticleSerializer, CommentSerializer, OrderSerializer, UserSerializer


# list/create on /api/users/, retrieve/update/partial_update/destroy on /api/users/{username}/; the inherited
# destroy lets any signed-in user delete any account while set_password below demands an admin
class UserViewSet(viewsets.ModelViewSet):  # ok: code-route-without-auth
#     ^^^^^^^^^^^ code-admin-route-without-role
    permission_classes = [IsAuthenticated]
    queryset = User.objects.all()
    serializer_class = UserSerializer
    lookup_field = "username"

    @action(detail=True, methods=["post"], url_path="set-password", permission_classes=[IsAdminUser])
    def set_password(self, request, username=None):  # ok: code-route-without-auth
        user = self.get_object()
        user.set_password(request.data["password"])
        user.save()
        return Response(status=204)

    @action(detail=False)
    def recent(self, request):  # ok: code-route-without-auth
        return Response(UserSerializer(self.queryset.order_by("-id")[:10], many=True).data)

    # the action's own AllowAny replaces the view's IsAuthenticated: anyone can deactivate any user
    @action(detail=True, methods=["post"], permission_classes=[AllowAny])
    def deactivate(self, request, username=None):  # expect: code-route-without-auth
        user = self.get_object()
        user.is_active = False
        user.save()
        return Response(status=204)


# only list and retrieve, open to anyone on purpose
class ArticleViewSet(viewsets.ReadOnlyModelViewSet):  # ok: code-route-without-auth
    permission_classes = [AllowAny]
    queryset = Article.objects.all()
    serializer_class = ArticleSerializer


# a GenericViewSet with two mixins: GET and POST /api/comments/, and an empty permission list (anyone can post)
class CommentViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):  # expect: code-route-without-auth
    permission_classes = []
    queryset = Comment.objects.all()
    serializer_class = CommentSerializer


# permissions per action from get_permissions(): cancel was left open by mistake
class OrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # ok: code-route-without-auth
    queryset = Order.objects.all()
    serializer_class = OrderSerializer

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            permission_classes = [IsAuthenticated]
        elif self.action == "cancel":
            permission_classes = []
        else:
            permission_classes = [IsAdminUser]
        return [permission() for permission in permission_classes]

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):  # expect: code-route-without-auth
        order = self.get_object()
        order.delete()
        return Response(status=204)

    @action(detail=True, methods=["post"])
    def refund(self, request, pk=None):  # ok: code-route-without-auth
        return Response({"refunded": self.get_object().total})


# a project permission class that answers with a check of the caller
class ArticleAdminViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):  # ok: code-route-without-auth
    permission_classes = [IsStaff]
    queryset = Article.objects.all()
    serializer_class = ArticleSerializer


# a plain ViewSet without permission classes: the global default (IsAuthenticated) applies
class ReportViewSet(viewsets.ViewSet):
    def list(self, request):  # ok: code-route-without-auth
        return Response([])

    def create(self, request):  # ok: code-route-without-auth
        return Response(status=201)

    def retrieve(self, request, pk=None):  # ok: code-route-without-auth
        return Response({"id": pk})


@api_view(["GET"])
def ping(request):
    return Response("pong")
