"""The vault's security pieces: password hashes, signed tokens, and the @require_scope decorator.

Nothing here knows about documents. The views in app.py only say *which* scope they need;
how a request proves it holds that scope lives here, in one place, written once.
"""

# Some of these imports are only used once you fill in the TODOs (hence the noqa comments).
import functools
import time  # noqa: F401

import bcrypt  # noqa: F401
import jwt  # noqa: F401
from flask import current_app, g, jsonify, request  # noqa: F401

# The one algorithm this app signs with, and so the only one it accepts when decoding.
ALGORITHM = "HS256"

# bcrypt reads at most 72 bytes of a password, and bcrypt 5 raises ValueError for longer ones.
BCRYPT_MAX_BYTES = 72


# ------------------------------------------------------------------------------- passwords


def hash_password(password: str, rounds: int) -> bytes:
    """A salted bcrypt hash of `password`, at cost `rounds`."""
    # TODO: bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds))
    raise NotImplementedError("hash_password is not written yet (auth.py)")


def check_password(password: str, hashed: bytes) -> bool:
    """Does `password` match `hashed`?"""
    # TODO: a password longer than BCRYPT_MAX_BYTES (as UTF-8 bytes) is simply wrong: return
    #       False. Otherwise bcrypt.checkpw(password.encode("utf-8"), hashed).
    raise NotImplementedError("check_password is not written yet (auth.py)")


def build_user_store(users: dict, rounds: int) -> dict:
    """username -> {"password_hash", "scopes", "clearance"}, built once from the USERS config.

    `users` looks like {"alice": {"password": "...", "scopes": [...], "clearance": 2}}.
    """
    # TODO: one entry per user, with hash_password(entry["password"], rounds) in place of the
    #       password. Keep no plaintext: not in this store, not anywhere else.
    return {}


# ---------------------------------------------------------------------------------- tokens


def issue_token(username: str, user: dict) -> tuple[str, int]:
    """A signed JWT for this user, and its lifetime in seconds."""
    # TODO: lifetime = current_app.config["TOKEN_EXPIRES_IN"]. Claims: sub (the username),
    #       scopes (a list), clearance (an int), iat, and exp = int(time.time()) + lifetime
    #       (an absolute time, not the lifetime). Sign them with
    #       jwt.encode(claims, current_app.config["SECRET_KEY"], algorithm=ALGORITHM).
    raise NotImplementedError("issue_token is not written yet (auth.py)")


def error(status: int, message: str):
    """Every error of this API is JSON: {"error": "..."}."""
    response = jsonify(error=message)
    response.status_code = status
    if status == 401:
        # RFC 6750: a 401 tells the client which kind of credentials would work.
        response.headers["WWW-Authenticate"] = 'Bearer realm="vault"'
    return response


def require_scope(scope: str):
    """Let the view run only for a valid token that carries `scope`; the caller goes in g.user."""
    def decorator(view):
        @functools.wraps(view)   # keeps the view's name: Flask uses it as the endpoint name
        def wrapper(*args, **kwargs):
            # TODO 1. Take the token from request.headers.get("Authorization"): the scheme must
            #         be Bearer and a token must follow it. Otherwise: error(401, ...).
            # TODO 2. jwt.decode(token, current_app.config["SECRET_KEY"], algorithms=[ALGORITHM])
            #         Catch jwt.ExpiredSignatureError and then jwt.InvalidTokenError: 401 each.
            # TODO 3. If `scope` is not in the token's scopes: error(403, ...). Not 401: the
            #         caller is known, they just may not do this.
            # TODO 4. g.user = {"username": ..., "scopes": ..., "clearance": ...}
            return view(*args, **kwargs)
        return wrapper
    return decorator
