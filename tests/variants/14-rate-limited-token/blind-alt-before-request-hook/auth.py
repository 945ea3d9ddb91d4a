"""The auth blueprint. A before_request hook on the blueprint enforces the limit first."""

from datetime import datetime, timedelta, timezone

import jwt
from flask import Blueprint, current_app, jsonify, request
from werkzeug.security import check_password_hash, generate_password_hash

from problems import InvalidCredentials, TooManyAttempts, ValidationFailed
from ratelimit import SlidingWindowLimiter

bp = Blueprint("auth", __name__)
LIFETIME = timedelta(hours=1)


def init_app(app):
    attempts, seconds = app.config["RATE_LIMIT"]
    app.extensions["login_limiter"] = SlidingWindowLimiter(attempts, seconds)
    app.extensions["password_hashes"] = {
        email: generate_password_hash(password) for email, password in app.config["USERS"].items()
    }
    app.extensions["decoy_password_hash"] = generate_password_hash("decoy")


@bp.before_request
def limit_attempts():
    # Runs before the view, so before the body is read: every attempt counts.
    wait = current_app.extensions["login_limiter"].seconds_to_wait(request.remote_addr)
    if wait:
        raise TooManyAttempts(wait)


@bp.route("/token", methods=["POST"])
def issue_token():
    data = request.get_json(silent=True)
    if type(data) is not dict:
        data = {}
    missing = [name for name in ("email", "password")
               if not (isinstance(data.get(name), str) and len(data[name]) > 0)]
    if missing:
        raise ValidationFailed(missing)

    hashes = current_app.extensions["password_hashes"]
    email = data["email"]
    known = email in hashes
    good = check_password_hash(hashes.get(email, current_app.extensions["decoy_password_hash"]),
                               data["password"])
    if not known or not good:
        raise InvalidCredentials()

    issued = datetime.now(timezone.utc)
    token = jwt.encode({"sub": email, "iat": issued, "exp": issued + LIFETIME},
                       current_app.config["SECRET_KEY"], algorithm="HS256")
    response = jsonify({"access_token": token, "token_type": "bearer",
                        "expires_in": int(LIFETIME.total_seconds())})
    response.headers["Cache-Control"] = "no-store"
    return response
