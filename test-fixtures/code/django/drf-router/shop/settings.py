# DRF asks for a signed-in user on every view that names no permission classes of its own.
ROOT_URLCONF = "shop.urls"
INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "store"]

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
