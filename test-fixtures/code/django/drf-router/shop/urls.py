from django.urls import include, path

urlpatterns = [
    path("api/", include("store.urls")),
    path("staff/", include("store.staff_urls")),
]
