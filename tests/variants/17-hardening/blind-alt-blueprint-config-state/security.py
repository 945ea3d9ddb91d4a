"""Security hooks, attached to the app by install(app)."""

import hmac
import secrets

from flask import abort, current_app, request, session

CSP = "; ".join([
    "default-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
])


def csrf_token():
    if not session.get("csrf_token"):
        session["csrf_token"] = secrets.token_hex(32)
    return session["csrf_token"]


def _set_headers(response):
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Referrer-Policy"] = "strict-origin"
    if current_app.config["ENV_NAME"] == "production":
        response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains; preload"
    return response


def _check_csrf():
    if request.method == "GET" or request.method == "HEAD" or request.method == "OPTIONS":
        return
    if not request.endpoint:
        return
    ours = session.get("csrf_token")
    theirs = request.form.get("csrf_token")
    if ours is None or theirs is None or ours == "" or theirs == "":
        abort(400)
    if not hmac.compare_digest(bytes(ours, "utf-8"), bytes(theirs, "utf-8")):
        abort(400)


def install(app):
    app.context_processor(lambda: {"csrf_token": csrf_token})
    app.before_request(_check_csrf)
    app.after_request(_set_headers)
