# A SimpleRouter without trailing slashes, appended to the module's patterns (under /staff/).
from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=False)
router.register("reports", views.ReportViewSet, basename="report")

urlpatterns = [
    path("ping/", views.ping),
]
urlpatterns += router.urls
