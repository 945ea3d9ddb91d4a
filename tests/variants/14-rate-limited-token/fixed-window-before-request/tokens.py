from datetime import datetime, timedelta, timezone

import jwt
from flask import Blueprint, current_app, jsonify, request
from werkzeug.security import check_password_hash

tokens = Blueprint("tokens", __name__, url_prefix="/v1/auth")

UNKNOWN_USER_HASH = "scrypt:32768:8:1$nobody$" + "0" * 128


def problem(status, title, detail, headers=None, **extra):
    response = jsonify(type=f"urn:problem:{status}", title=title, status=status, detail=detail,
                       **extra)
    response.status_code = status
    response.mimetype = "application/problem+json"
    response.headers.update(headers or {})
    return response


@tokens.before_request
def limit_attempts():
    wait = current_app.extensions["login_limiter"].wait_seconds(request.remote_addr)
    if wait:
        return problem(429, "Too Many Requests", f"Wait {wait} s before trying again.",
                       {"Retry-After": str(wait)})
    return None


@tokens.post("/token")
def create_token():
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        payload = {}
    missing = [key for key in ("email", "password")
               if not isinstance(payload.get(key), str) or not payload[key].strip()]
    if missing:
        return problem(422, "Unprocessable Content", "Some fields are missing.",
                       missing_fields=missing)
    hashes = current_app.extensions["password_hashes"]
    known = payload["email"] in hashes
    good = check_password_hash(hashes.get(payload["email"], UNKNOWN_USER_HASH),
                               payload["password"])
    if not (known and good):
        return problem(401, "Unauthorized", "Those credentials are not valid.")
    issued = datetime.now(timezone.utc)
    token = jwt.encode(
        {"sub": payload["email"], "iat": issued, "exp": issued + timedelta(seconds=3600)},
        current_app.config["SECRET_KEY"],
        algorithm="HS256",
    )
    return {"access_token": token, "token_type": "bearer", "expires_in": 3600}
