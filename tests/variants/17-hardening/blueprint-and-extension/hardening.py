import hmac
import secrets

from flask import abort, request, session


class Hardening:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "SAMEORIGIN",
        "Content-Security-Policy": "default-src 'self'",
        "Referrer-Policy": "same-origin",
    }

    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        app.extensions["hardening"] = self
        app.after_request(self.add_headers)
        app.before_request(self.protect)
        app.context_processor(lambda: {"csrf_token": self.token})
        self.hsts = app.config.get("ENV_NAME") == "production"

    def add_headers(self, response):
        for name, value in self.headers.items():
            response.headers[name] = value
        if self.hsts:
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        return response

    @staticmethod
    def token():
        if "csrf" not in session:
            session["csrf"] = secrets.token_hex(32)
        return session["csrf"]

    @staticmethod
    def protect():
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE") or request.url_rule is None:
            return None
        expected = session.get("csrf")
        sent = request.form.get("csrf_token")
        if expected is None or sent is None:
            abort(400)
        if not hmac.compare_digest(expected.encode(), sent.encode()):
            abort(400)
        return None
