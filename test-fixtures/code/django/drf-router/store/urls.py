# Registered on a DefaultRouter (trailing slashes) and included under /api/ by shop/urls.py.
from django.urls import include, path
from rest_framework import routers

from .views import ArticleAdminViewSet, ArticleViewSet, CommentViewSet, OrderViewSet, UserViewSet

router = routers.DefaultRouter()
router.register(r"users", UserViewSet, basename="user")
router.register(r"articles", ArticleViewSet)
router.register(r"admin/articles", ArticleAdminViewSet, basename="article-admin")
router.register(r"comments", CommentViewSet, basename="comment")
router.register(r"orders", OrderViewSet, basename="order")

urlpatterns = [
    path("", include(router.urls)),
]
