"""Security pieces: hashing, tokens, and @require_scope (errors raised as HTTP exceptions)."""

import functools
import time
from dataclasses import dataclass

import bcrypt
import jwt
from flask import current_app, g, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Forbidden, Unauthorized

ALGORITHM = "HS256"
BCRYPT_MAX_BYTES = 72


@dataclass(frozen=True)
class User:
    username: str
    password_hash: bytes
    scopes: tuple
    clearance: int

    def public(self):
        return {"username": self.username, "scopes": list(self.scopes), "clearance": self.clearance}


def hash_password(password, rounds):
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=rounds))


def check_password(password, hashed):
    data = password.encode("utf-8")
    return len(data) <= BCRYPT_MAX_BYTES and bcrypt.checkpw(data, hashed)


def build_user_store(users, rounds):
    return {
        name: User(name, hash_password(entry["password"], rounds),
                   tuple(entry.get("scopes", ())), int(entry.get("clearance", 0)))
        for name, entry in users.items()
    }


def issue_token(user):
    lifetime = int(current_app.config["TOKEN_EXPIRES_IN"])
    issued = int(time.time())
    payload = {"sub": user.username, "scopes": list(user.scopes), "clearance": user.clearance,
               "iat": issued, "exp": issued + lifetime}
    return jwt.encode(payload, current_app.config["SECRET_KEY"], algorithm=ALGORITHM), lifetime


class NotAuthenticated(Unauthorized):
    """A 401 that tells the client a bearer token is expected (RFC 6750)."""

    def __init__(self, description):
        super().__init__(description, www_authenticate=WWWAuthenticate("bearer", {"realm": "vault"}))


def require_scope(scope):
    def decorator(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            credentials = request.authorization
            if credentials is None or credentials.type != "bearer" or not credentials.token:
                raise NotAuthenticated("Send your token as 'Authorization: Bearer <token>'.")
            try:
                claims = jwt.decode(credentials.token, current_app.config["SECRET_KEY"],
                                    algorithms=[ALGORITHM], options={"require": ["sub", "exp"]})
            except jwt.ExpiredSignatureError:
                raise NotAuthenticated("Your token has expired.") from None
            except jwt.InvalidTokenError:
                raise NotAuthenticated("Invalid token.") from None
            scopes, clearance = claims.get("scopes"), claims.get("clearance")
            if not isinstance(scopes, list) or isinstance(clearance, bool) or not isinstance(clearance, int):
                raise NotAuthenticated("Invalid token.")
            if scope not in scopes:
                raise Forbidden(f"This needs the {scope!r} scope, which your token lacks.")
            g.user = {"username": claims["sub"], "scopes": scopes, "clearance": clearance}
            return view(*args, **kwargs)
        return guarded
    return decorator
