import time
from types import SimpleNamespace

import jwt
from flask import Blueprint, current_app, request

from problems import InvalidCredentials, TooManyAttempts, ValidationFailed
from ratelimit import LoginLimiter
from userstore import UserStore

bp = Blueprint("auth", __name__)
TOKEN_SECONDS = 3600


def init_app(app):
    app.extensions["token_auth"] = SimpleNamespace(
        users=UserStore(app.config["USERS"]),
        limiter=LoginLimiter(limit=5, window=60),
    )


@bp.route("/token", methods=["POST"])
def issue_token():
    state = current_app.extensions["token_auth"]
    decision = state.limiter.check_and_record(request.remote_addr)
    if not decision.allowed:
        raise TooManyAttempts(
            f"Too many login attempts from this address. Try again in {decision.retry_after} s.",
            headers={"Retry-After": f"{decision.retry_after:d}"},
        )

    body = request.get_json(silent=True)
    fields = body if isinstance(body, dict) else {}
    missing = []
    for name in ("email", "password"):
        value = fields.get(name)
        if type(value) is not str or len(value) == 0:
            missing.append(name)
    if missing:
        raise ValidationFailed("Send a JSON object with a non-empty " + " and ".join(missing) + ".",
                               missing_fields=missing)

    subject = state.users.authenticate(fields["email"], fields["password"])
    if subject is None:
        raise InvalidCredentials("Invalid email or password.")

    issued_at = int(time.time())
    token = jwt.encode({"sub": subject, "iat": issued_at, "exp": issued_at + TOKEN_SECONDS},
                       current_app.config["SECRET_KEY"], algorithm="HS256")
    return ({"access_token": token, "token_type": "bearer", "expires_in": TOKEN_SECONDS},
            200, {"Cache-Control": "no-store"})
