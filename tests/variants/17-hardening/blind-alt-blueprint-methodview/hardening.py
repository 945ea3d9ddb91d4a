"""Hardening as a small extension object, in the style of Flask-Talisman / Flask-WTF."""

import hmac
import secrets

from flask import request, session

SESSION_KEY = "_csrf_token"
FORM_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class Hardening:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
        "Referrer-Policy": "same-origin",
    }
    hsts = "max-age=63072000; includeSubDomains"

    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        app.extensions["hardening"] = self
        app.after_request(self._secure_response)
        app.before_request(self._protect)
        app.context_processor(lambda: {"csrf_token": self.token})

    def _secure_response(self, response):
        from flask import current_app
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        if current_app.config["ENV_NAME"] == "production":
            response.headers.setdefault("Strict-Transport-Security", self.hsts)
        return response

    @staticmethod
    def token():
        value = session.get(SESSION_KEY)
        if value is None:
            value = session[SESSION_KEY] = secrets.token_urlsafe(48)
        return value

    @staticmethod
    def _protect():
        if request.method in SAFE_METHODS or request.url_rule is None:
            return None
        sent = request.form.get(FORM_FIELD)      # reads the body: MAX_CONTENT_LENGTH applies here
        expected = session.get(SESSION_KEY)
        if expected is None or sent is None:
            return "Missing CSRF token.", 400
        if not hmac.compare_digest(expected.encode(), sent.encode()):
            return "Wrong CSRF token.", 400
        return None
