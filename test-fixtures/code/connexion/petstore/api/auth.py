# connexion's x-bearerInfoFunc: verifies the bearer token and returns its claims.
import os

import jwt


def decode_token(token):
    return jwt.decode(token, os.environ["JWT_PUBLIC_KEY"], algorithms=["RS256"])
