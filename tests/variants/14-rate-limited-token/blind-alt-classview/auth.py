"""POST /token as a MethodView in the auth blueprint."""

import secrets
from datetime import datetime, timedelta, timezone

import jwt
from flask import Blueprint, current_app, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import TooManyRequests
from werkzeug.security import check_password_hash, generate_password_hash

from problems import ApiProblem
from ratelimit import AttemptLog

bp = Blueprint("auth", __name__)
LIFETIME = timedelta(hours=1)


def init_app(app):
    app.extensions["auth.password_hashes"] = {
        email: generate_password_hash(password) for email, password in app.config["USERS"].items()
    }
    app.extensions["auth.nobody_hash"] = generate_password_hash(secrets.token_hex(16))
    app.extensions["auth.attempts"] = AttemptLog(5, 60)


def _text(payload, name):
    value = payload.get(name)
    return value if isinstance(value, str) and value != "" else None


class TokenView(MethodView):
    def post(self):
        allowed, wait = current_app.extensions["auth.attempts"].attempt(request.remote_addr)
        if not allowed:
            raise TooManyRequests(
                description=f"Too many login attempts from this address. Try again in {wait} s.",
                retry_after=wait,
            )

        payload = request.get_json(silent=True)
        if type(payload) is not dict:
            payload = {}
        email, password = _text(payload, "email"), _text(payload, "password")
        missing = [name for name, value in (("email", email), ("password", password)) if value is None]
        if missing:
            raise ApiProblem(422, "validation-error", "Validation Error",
                             "Send a JSON object with a non-empty " + " and ".join(missing) + ".",
                             missing_fields=missing)

        hashes = current_app.extensions["auth.password_hashes"]
        known = email in hashes
        ok = check_password_hash(hashes[email] if known else current_app.extensions["auth.nobody_hash"],
                                 password)
        if not (known and ok):
            raise ApiProblem(401, "invalid-credentials", "Invalid Credentials",
                             "Invalid email or password.")

        issued = datetime.now(timezone.utc)
        token = jwt.encode({"sub": email, "iat": issued, "exp": issued + LIFETIME},
                           current_app.config["SECRET_KEY"], algorithm="HS256")
        response = jsonify({"access_token": token, "token_type": "bearer",
                            "expires_in": int(LIFETIME.total_seconds())})
        response.cache_control.no_store = True
        return response


bp.add_url_rule("/token", view_func=TokenView.as_view("issue_token"))
