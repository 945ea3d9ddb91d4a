"""POST /token as a MethodView in the auth blueprint."""

import time

import jwt
from flask import Blueprint, current_app, request
from flask.views import MethodView
from werkzeug.security import check_password_hash, generate_password_hash

from problems import problem
from ratelimit import SlidingWindowLimiter

bp = Blueprint("auth", __name__)


def init_app(app):
    app.extensions["auth_state"] = {
        "hashes": {email: generate_password_hash(pw) for email, pw in app.config["USERS"].items()},
        "dummy": generate_password_hash("not-a-real-password-nobody-has-this"),
        "limiter": SlidingWindowLimiter(5, 60),
    }


class TokenView(MethodView):
    def post(self):
        state = current_app.extensions["auth_state"]

        allowed, wait = state["limiter"].try_acquire(request.remote_addr)
        if not allowed:
            return problem(429, "Too Many Requests",
                           f"Too many login attempts from this address. Try again in {wait} s.",
                           headers={"Retry-After": str(wait)})

        payload = request.get_json(silent=True)
        payload = payload if isinstance(payload, dict) else {}
        missing = []
        for field in ("email", "password"):
            value = payload.get(field)
            if not isinstance(value, str) or value == "":
                missing.append(field)
        if missing:
            return problem(422, "Validation Error", "Some required fields are missing or empty.",
                           missing_fields=missing)

        email, password = payload["email"], payload["password"]
        stored = state["hashes"].get(email)
        matched = check_password_hash(stored if stored else state["dummy"], password)
        if not (stored and matched):
            return problem(401, "Invalid Credentials", "Invalid email or password.")

        issued = int(time.time())
        token = jwt.encode({"sub": email, "iat": issued, "exp": issued + 3600},
                           current_app.config["SECRET_KEY"], algorithm="HS256")
        return {"access_token": token, "token_type": "bearer", "expires_in": 3600}, 200, {
            "Cache-Control": "no-store"}


bp.add_url_rule("/token", view_func=TokenView.as_view("issue_token"), methods=["POST"])
