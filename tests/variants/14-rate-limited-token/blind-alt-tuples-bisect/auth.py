import os
import time

import jwt
from flask import Blueprint, current_app, request
from werkzeug.security import check_password_hash, generate_password_hash

from problems import problem

bp = Blueprint("auth", __name__)


def init_app(app):
    app.extensions["user_hashes"] = {
        email.casefold(): generate_password_hash(password)
        for email, password in app.config["USERS"].items()
    }
    app.extensions["dummy_hash"] = generate_password_hash(os.urandom(16).hex())


def _fields(body):
    if not isinstance(body, dict):
        body = {}
    values = {}
    for name in ("email", "password"):
        value = body.get(name)
        values[name] = value if isinstance(value, str) and value else None
    return values


@bp.route("/token", methods=("POST",))
def issue_token():
    wait = current_app.extensions["rate_limiter"].attempt(request.remote_addr)
    if wait is not None:
        return problem(429, f"Slow down: try again in {wait} s.", {"Retry-After": str(wait)})

    values = _fields(request.get_json(silent=True))
    missing = [name for name, value in values.items() if value is None]
    if missing:
        return problem(422, "Required fields are missing or empty.", missing_fields=missing)

    user_hash = current_app.extensions["user_hashes"].get(values["email"].casefold())
    ok = check_password_hash(user_hash or current_app.extensions["dummy_hash"], values["password"])
    if user_hash is None or not ok:
        return problem(401, "Invalid email or password.")

    now = int(time.time())
    claims = {"sub": values["email"].casefold(), "iat": now, "exp": now + 3600}
    return {
        "access_token": jwt.encode(claims, current_app.config["SECRET_KEY"], algorithm="HS256"),
        "token_type": "bearer",
        "expires_in": 3600,
    }, 200, {"Cache-Control": "no-store"}
