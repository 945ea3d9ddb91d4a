"""Auth helpers. Failures raise ApiError; create_app turns it into JSON."""

import functools
from datetime import datetime, timedelta, timezone

import bcrypt
import jwt
from flask import current_app, g, request

ALGORITHM = "HS256"


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def hash_password(password: str, rounds: int) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    candidate = password.encode("utf-8")
    if len(candidate) > 72:
        return False
    return bcrypt.checkpw(candidate, hashed.encode("ascii"))


def build_user_store(users, rounds):
    store = {}
    for name in users:
        entry = users[name]
        store[name] = {"hash": hash_password(entry["password"], rounds),
                       "scopes": list(entry.get("scopes", [])),
                       "clearance": int(entry.get("clearance", 0))}
    return store


def issue_token(username, user):
    now = datetime.now(timezone.utc)
    ttl = timedelta(seconds=current_app.config["TOKEN_EXPIRES_IN"])
    claims = {"sub": username, "scopes": user["scopes"], "clearance": user["clearance"],
              "iat": now, "exp": now + ttl}
    return jwt.encode(claims, current_app.config["SECRET_KEY"], algorithm=ALGORITHM), int(ttl.total_seconds())


def current_claims():
    header = request.headers.get("Authorization") or ""
    kind, _, token = header.strip().partition(" ")
    if kind.casefold() != "bearer" or not token.strip():
        raise ApiError(401, "Send your token as 'Authorization: Bearer <token>'.")
    try:
        return jwt.decode(token.strip(), key=current_app.config["SECRET_KEY"], algorithms=(ALGORITHM,),
                          options={"require": ["exp", "sub"]})
    except jwt.ExpiredSignatureError:
        raise ApiError(401, "Your token has expired.") from None
    except jwt.InvalidTokenError:
        raise ApiError(401, "Invalid token.") from None


def require_scope(scope):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            claims = current_claims()
            scopes, clearance = claims.get("scopes"), claims.get("clearance")
            if not isinstance(scopes, list) or type(clearance) is not int:
                raise ApiError(401, "Invalid token.")
            if scope not in scopes:
                raise ApiError(403, f"This needs the {scope!r} scope.")
            g.user = {"username": claims["sub"], "scopes": scopes, "clearance": clearance}
            return view(*args, **kwargs)
        return wrapper
    return decorator
