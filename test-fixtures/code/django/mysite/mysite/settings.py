# Django settings: DRF authenticates every API view by default; CORS and DEBUG are misconfigured.
SECRET_KEY = "django-insecure-9x!k2@v8#qz$w4m1p0r7t6y5u3e"
#            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ code-hardcoded-secret
DEBUG = True
#       ^^^^ code-debug-mode-enabled
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "mysite.urls"

INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "corsheaders", "api"]
MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", "django.middleware.common.CommonMiddleware"]

CORS_ALLOW_ALL_ORIGINS = True
#                        ^^^^ code-cors-any-origin-with-credentials
CORS_ALLOW_CREDENTIALS = True

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}
