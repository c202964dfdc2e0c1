from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register(r"accounts", views.AccountViewSet, basename="account")

urlpatterns = [
    path("profiles/<int:pk>/", views.ProfileDetail.as_view()),
    path("public/stats/", views.public_stats),
    path("export/", views.export_csv),
    path("notes/", views.NoteList.as_view()),
    path("", include(router.urls)),
]
