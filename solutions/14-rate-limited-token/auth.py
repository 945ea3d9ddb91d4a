"""The auth blueprint: POST /token trades an email and a password for a signed JWT.

A blueprint is a bundle of routes that knows nothing about the app it will join. `create_app`
decides where it lives (url_prefix="/v1/auth"), so the same code could serve /v2/auth tomorrow.
"""

import secrets
import time

import jwt
from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.security import check_password_hash, generate_password_hash

from problems import InvalidCredentials, TooManyAttempts, ValidationFailed
from ratelimit import SlidingWindowLimiter

bp = Blueprint("auth", __name__)

REQUIRED_FIELDS = ("email", "password")


def init_app(app: Flask) -> None:
    """Give this app its own user table and its own limiter.

    They live in app.extensions, not in module globals: two apps built by create_app (two test
    cases, or two tenants in one process) must not share a rate limit or a user list.
    """
    users = {
        # Hash once, at startup. Only the hashes are kept: the plaintext is never stored.
        normalise(email): generate_password_hash(password)
        for email, password in app.config["USERS"].items()
    }
    app.extensions["token_auth"] = {
        "users": users,
        # A hash of a random password nobody knows: checked when the email is unknown, so
        # that an unknown email costs as much time as a wrong password (see issue_token).
        "decoy_hash": generate_password_hash(secrets.token_urlsafe(16)),
        "limiter": SlidingWindowLimiter(app.config["LOGIN_ATTEMPTS_PER_WINDOW"],
                                        app.config["LOGIN_WINDOW_SECONDS"]),
    }


def normalise(email: str) -> str:
    return email.strip().lower()


@bp.post("/token")
def issue_token():
    state = current_app.extensions["token_auth"]

    # 1. Rate limit first, before anything else: every attempt counts, well-formed or not,
    #    right password or wrong. If the limit were checked only after a failed password, a
    #    correct guess would still come back 200 and the attacker would never be slowed down.
    #    remote_addr is the peer that opened the connection: a client can write any
    #    X-Forwarded-For header it likes, so that header is never trusted here.
    retry_after = state["limiter"].hit(request.remote_addr or "unknown")
    if retry_after is not None:
        raise TooManyAttempts(
            f"Too many login attempts from this address. Try again in {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
        )

    # 2. Validate the shape. silent=True gives None for a body that is not JSON (instead of
    #    Flask's own 400), and a JSON list or string is no better than no body at all.
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        data = {}
    missing = [f for f in REQUIRED_FIELDS if not isinstance(data.get(f), str) or not data[f]]
    if missing:
        raise ValidationFailed(
            "Send a JSON object with a non-empty " + " and ".join(missing) + ".",
            missing_fields=missing,
        )

    # 3. Check the credentials. Unknown email and wrong password end in the SAME error, and
    #    both pay for one password-hash check, so neither the body nor the time taken tells an
    #    attacker which emails have accounts. check_password_hash compares in constant time.
    email = normalise(data["email"])
    stored = state["users"].get(email)
    password_ok = check_password_hash(stored or state["decoy_hash"], data["password"])
    if stored is None or not password_ok:
        raise InvalidCredentials("Invalid email or password.")

    # 4. Issue the token, signed with the app's SECRET_KEY (read at request time, so each app
    #    uses its own configuration). exp is an absolute Unix time: issued-at plus the lifetime.
    expires_in = current_app.config["TOKEN_EXPIRES_IN"]
    now = int(time.time())
    claims = {"sub": email, "iat": now, "exp": now + expires_in}
    token = jwt.encode(claims, current_app.config["SECRET_KEY"], algorithm="HS256")

    response = jsonify(access_token=token, token_type="bearer", expires_in=expires_in)
    # A token is a credential: no browser or proxy cache should keep a copy (RFC 6749, 5.1).
    response.headers["Cache-Control"] = "no-store"
    return response
