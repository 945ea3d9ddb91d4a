"""The vault's security pieces: password hashes, signed tokens, and the @require_scope decorator.

Nothing here knows about documents. The views in app.py only say *which* scope they need;
how a request proves it holds that scope lives here, in one place, written once.
"""

import functools
import time

import bcrypt
import jwt
from flask import current_app, g, jsonify, request

# The one algorithm this app signs with, and so the only one it accepts. The token's own
# header says which algorithm made it, but the header is written by whoever sent the token:
# letting it choose how the token is checked is how "alg: none" tokens got through in the past.
ALGORITHM = "HS256"

# bcrypt only ever reads the first 72 bytes of a password, and bcrypt 5 refuses longer ones
# with a ValueError. A login with a longer password is simply a wrong password here.
BCRYPT_MAX_BYTES = 72


# ------------------------------------------------------------------------------- passwords


def hash_password(password: str, rounds: int) -> bytes:
    """A salted bcrypt hash. `rounds` is the cost: each +1 doubles the work for an attacker."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds))


def check_password(password: str, hashed: bytes) -> bool:
    """Does `password` match `hashed`? bcrypt.checkpw compares in constant time."""
    raw = password.encode("utf-8")
    if len(raw) > BCRYPT_MAX_BYTES:
        return False
    return bcrypt.checkpw(raw, hashed)


def build_user_store(users: dict, rounds: int) -> dict:
    """username -> {password_hash, scopes, clearance}, from the USERS config.

    This runs once, when the app starts. The plaintext passwords are read here and never
    stored: only their hashes leave this function.
    """
    return {
        username: {
            "password_hash": hash_password(entry["password"], rounds),
            "scopes": list(entry.get("scopes", [])),
            "clearance": int(entry.get("clearance", 0)),
        }
        for username, entry in users.items()
    }


# ---------------------------------------------------------------------------------- tokens


def issue_token(username: str, user: dict) -> tuple[str, int]:
    """A signed JWT saying who the caller is, what they may do, and until when."""
    lifetime = current_app.config["TOKEN_EXPIRES_IN"]
    now = int(time.time())
    claims = {
        "sub": username,               # who: PyJWT wants a string here
        "scopes": user["scopes"],      # what they may do
        "clearance": user["clearance"],  # how secret a document they may see
        "iat": now,
        "exp": now + lifetime,         # an absolute Unix time, not the lifetime
    }
    # Signed with the app's own key, read at request time: each app uses its configuration.
    return jwt.encode(claims, current_app.config["SECRET_KEY"], algorithm=ALGORITHM), lifetime


def error(status: int, message: str):
    """Every error of this API is JSON: {"error": "..."}."""
    response = jsonify(error=message)
    response.status_code = status
    if status == 401:
        # RFC 6750: a 401 tells the client which kind of credentials would work.
        response.headers["WWW-Authenticate"] = 'Bearer realm="vault"'
    return response


def bearer_token() -> str | None:
    """The token from `Authorization: Bearer <token>`, or None when the header is not that."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def require_scope(scope: str):
    """Let the view run only for a valid token that carries `scope`.

    401 Unauthorized: we don't know who you are (no token, a broken one, an expired one).
    403 Forbidden: we know who you are, and you may not do this.
    On success the caller is in `g.user`: {"username", "scopes", "clearance"}.
    """
    def decorator(view):
        @functools.wraps(view)   # keep the view's name: Flask uses it as the endpoint name
        def wrapper(*args, **kwargs):
            token = bearer_token()
            if token is None:
                return error(401, "Send your token as 'Authorization: Bearer <token>'.")
            try:
                claims = jwt.decode(
                    token,
                    current_app.config["SECRET_KEY"],
                    algorithms=[ALGORITHM],                 # pinned: the header does not choose
                    options={"require": ["sub", "exp"]},    # a token without exp never expires
                )
            except jwt.ExpiredSignatureError:
                return error(401, "Your token has expired: log in again.")
            except jwt.InvalidTokenError:
                # The parent of every other PyJWT complaint: garbled, bad signature, wrong
                # algorithm, missing claims. The client learns no more than "invalid".
                return error(401, "Invalid token.")

            scopes, clearance = claims.get("scopes"), claims.get("clearance")
            if not isinstance(scopes, list) or type(clearance) is not int:
                return error(401, "Invalid token.")
            if scope not in scopes:
                return error(403, f"This needs the {scope!r} scope, which your token lacks.")

            g.user = {"username": claims["sub"], "scopes": scopes, "clearance": clearance}
            return view(*args, **kwargs)
        return wrapper
    return decorator
