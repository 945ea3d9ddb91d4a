"""A tiny hardening extension: headers on every response, CSRF on every unsafe method."""

import hmac
import secrets

from flask import request, session
from werkzeug.exceptions import BadRequest


class CSRFError(BadRequest):
    description = "CSRF token missing or invalid."


class Hardening:
    session_key = "csrf"
    field = "csrf_token"
    safe_methods = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        self.hsts = "max-age=86400" if app.config["ENV_NAME"] == "production" else None
        app.jinja_env.globals.update(csrf_token=self.token)
        app.before_request(self.protect)
        app.after_request(self.decorate)
        app.register_error_handler(CSRFError, lambda e: (e.description, 400))

    @classmethod
    def token(cls):
        return session.setdefault(cls.session_key, secrets.token_urlsafe(32))

    def protect(self):
        if request.method in self.safe_methods:
            return
        if request.endpoint is None:
            return
        sent = request.form.get(self.field, "")
        expected = session.get(self.session_key, "")
        if not (sent and expected and hmac.compare_digest(sent.encode(), expected.encode())):
            raise CSRFError()

    def decorate(self, response):
        h = response.headers
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Content-Security-Policy", "default-src 'self'")
        h.setdefault("Referrer-Policy", "same-origin")
        if self.hsts:
            h.setdefault("Strict-Transport-Security", self.hsts)
        return response
