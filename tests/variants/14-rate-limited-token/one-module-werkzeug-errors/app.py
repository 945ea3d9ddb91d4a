"""Lesson 14, another way: everything in one module, errors raised as Werkzeug exceptions."""

import hashlib
import hmac
import math
import os
import time
from collections import defaultdict, deque
from datetime import datetime, timedelta, timezone

import jwt
from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException, TooManyRequests, Unauthorized, UnprocessableEntity

api = Blueprint("api_v1_auth", __name__)


class MissingFields(UnprocessableEntity):
    def __init__(self, fields):
        super().__init__(f"Required: {', '.join(fields)}.")
        self.missing_fields = fields


def hash_password(password, salt=None):
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 100_000)
    return salt, digest


def password_matches(password, salt, digest):
    return hmac.compare_digest(hash_password(password, salt)[1], digest)


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(SECRET_KEY="dev-key-for-this-alternative-0123456789",
                      USERS={"ada@example.com": "correct horse battery staple"})
    app.config.update(config or {})
    app.extensions["auth_users"] = {e: hash_password(p) for e, p in app.config["USERS"].items()}
    app.extensions["auth_nobody"] = hash_password(os.urandom(8).hex())
    app.extensions["auth_attempts"] = defaultdict(deque)

    @app.errorhandler(HTTPException)
    def as_problem(error):
        body = {"type": "about:blank", "title": error.name, "status": error.code,
                "detail": error.description}
        if hasattr(error, "missing_fields"):
            body["missing_fields"] = error.missing_fields
        response = jsonify(body)
        response.status_code = error.code
        response.content_type = "application/problem+json"
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    app.register_blueprint(api, url_prefix="/v1/auth")
    return app


def count_attempt(ip):
    attempts = current_app.extensions["auth_attempts"][ip]
    now = time.time()
    while attempts and attempts[0] <= now - 60:
        attempts.popleft()
    if len(attempts) >= 5:
        raise TooManyRequests("Slow down: at most 5 login attempts a minute.",
                              retry_after=math.ceil(attempts[0] + 60 - now))
    attempts.append(now)


@api.route("/token", methods=["POST"])
def token():
    count_attempt(request.remote_addr)
    body = request.get_json(silent=True)
    body = body if isinstance(body, dict) else {}
    missing = [name for name in ("email", "password") if not body.get(name)]
    if missing:
        raise MissingFields(missing)
    email, password = str(body["email"]), str(body["password"])
    users = current_app.extensions["auth_users"]
    salt, digest = users.get(email, current_app.extensions["auth_nobody"])
    if not password_matches(password, salt, digest) or email not in users:
        raise Unauthorized("Wrong email or password.")
    now = datetime.now(timezone.utc)
    claims = {"sub": email, "iat": now, "exp": now + timedelta(hours=1)}
    return jsonify(access_token=jwt.encode(claims, current_app.config["SECRET_KEY"], "HS256"),
                   token_type="bearer", expires_in=3600)


if __name__ == "__main__":
    create_app().run()
