"""The auth blueprint: POST /token trades an email and a password for a signed JWT.

create_app registers this blueprint under /v1/auth, so the full URL is POST /v1/auth/token.
Your job is the four TODOs in issue_token, and the two in init_app.
"""

import secrets
import time

import jwt
from flask import Blueprint, Flask, abort, current_app, jsonify, request
from werkzeug.security import check_password_hash, generate_password_hash

from problems import InvalidCredentials, TooManyAttempts, ValidationFailed
from ratelimit import SlidingWindowLimiter

bp = Blueprint("auth", __name__)

REQUIRED_FIELDS = ("email", "password")


def init_app(app: Flask) -> None:
    """Give this app its own users and its own limiter, in app.extensions (not module globals)."""
    app.extensions["token_auth"] = {
        # TODO: email -> password HASH for every entry of app.config["USERS"]
        #       (generate_password_hash). Never keep the plaintext.
        "users": {},
        # TODO: a SlidingWindowLimiter built from app.config["LOGIN_ATTEMPTS_PER_WINDOW"] and
        #       app.config["LOGIN_WINDOW_SECONDS"] (write it in ratelimit.py first).
        "limiter": None,
    }


@bp.post("/token")
def issue_token():
    # TODO 1. Rate limit, before anything else: every attempt from request.remote_addr counts.
    #         When the limiter refuses, raise TooManyAttempts(...) with a Retry-After header:
    #         TooManyAttempts("...", headers={"Retry-After": "42"})
    #
    # TODO 2. Read the body with request.get_json(silent=True). If it is not a dict, or email or
    #         password is missing or empty, raise ValidationFailed("...", missing_fields=[...]).
    #
    # TODO 3. Look the user up and check the password with check_password_hash. An unknown
    #         email and a wrong password must end in the very same InvalidCredentials("...").
    #
    # TODO 4. Sign {"sub": ..., "iat": ..., "exp": ...} with jwt.encode(..., algorithm="HS256")
    #         and current_app.config["SECRET_KEY"]; answer
    #         {"access_token": ..., "token_type": "bearer", "expires_in": 3600}.
    abort(501, description="POST /v1/auth/token is not written yet: see the TODOs in auth.py.")
