from django.urls import path

from staff import views

urlpatterns = [
    path("admin-api/users/", views.UserListApi.as_view()),
    path("admin-api/users/<int:pk>/", views.UserAdminApi.as_view()),
    path("api/users/<int:pk>/role/", views.UserRoleApi.as_view()),
    path("api/export/", views.export_orders),
    path("api/reports/all/", views.all_reports),
]
