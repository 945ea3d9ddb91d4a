"""Hashing, tokens and the scope guard. Errors are (body, status, headers) tuples."""

import base64
import functools
import hashlib
import re
import time

import bcrypt
import jwt
from flask import current_app, g, request

ALGORITHM = "HS256"
BEARER = re.compile(r"Bearer +(\S+) *", re.IGNORECASE)


def _prehash(password):
    # SHA-256 first, so any length fits in bcrypt's 72 bytes (base64 of 32 bytes is 44).
    return base64.b64encode(hashlib.sha256(password.encode("utf-8")).digest())


def hash_password(password, rounds):
    return bcrypt.hashpw(_prehash(password), bcrypt.gensalt(rounds))


def check_password(password, hashed):
    return bcrypt.checkpw(_prehash(password), hashed)


def build_user_store(users, rounds):
    store = {}
    for name, entry in users.items():
        store[name] = (hash_password(entry["password"], rounds),
                       [str(s) for s in entry.get("scopes", [])], int(entry.get("clearance", 0)))
    return store


def issue_token(username, scopes, clearance):
    now = int(time.time())
    return jwt.encode({"sub": username, "scopes": scopes, "clearance": clearance, "iat": now,
                       "exp": now + current_app.config["TOKEN_EXPIRES_IN"]},
                      current_app.config["SECRET_KEY"], algorithm=ALGORITHM)


def error(status, message):
    headers = {"WWW-Authenticate": 'Bearer realm="vault"'} if status == 401 else {}
    return {"error": message}, status, headers


def require_scope(scope):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            match = BEARER.fullmatch(request.headers.get("Authorization", ""))
            if match is None:
                return error(401, "Send your token as 'Authorization: Bearer <token>'.")
            try:
                claims = jwt.decode(match.group(1), current_app.config["SECRET_KEY"],
                                    algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
            except jwt.ExpiredSignatureError:
                return error(401, "Token expired: log in again.")
            except jwt.InvalidTokenError:
                return error(401, "Invalid token.")
            scopes = claims.get("scopes")
            clearance = claims.get("clearance")
            if type(scopes) is not list or type(clearance) is not int:
                return error(401, "Invalid token.")
            if scope not in scopes:
                return error(403, f"Missing scope {scope!r}.")
            g.user = {"username": claims["sub"], "scopes": scopes, "clearance": clearance}
            return view(*args, **kwargs)
        return wrapper
    return decorator
