# Settings kept in their own module as plain constants; the app and its dependencies import them by name.
VERIFY_SIGNATURE = False
DECODE_OPTIONS = {"verify_signature": False}
STRICT_OPTIONS = {"verify_signature": True}

CORS_ORIGINS = ["*"]
ADMIN_ORIGINS = ["https://admin.example.com"]
ALLOW_CREDENTIALS = True
