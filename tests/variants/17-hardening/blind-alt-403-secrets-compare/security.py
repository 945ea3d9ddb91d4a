"""Headers and CSRF for the profile app."""

from secrets import compare_digest, token_urlsafe

from flask import abort, request, session

HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "SAMEORIGIN"),
    ("Content-Security-Policy",
     "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
     "frame-ancestors 'none'; base-uri 'none'"),
    ("Referrer-Policy", "no-referrer"),
]


def get_token():
    token = session.get("_csrf")
    if token is None:
        token = session["_csrf"] = token_urlsafe(32)
    return token


def _valid(sent):
    stored = session.get("_csrf")
    if not isinstance(stored, str) or not stored or not sent:
        return False
    return compare_digest(stored.encode(), sent.encode())


def init_app(app, production):
    app.add_template_global(get_token, "csrf_token")

    def secure_headers(response):
        response.headers.extend([(k, v) for k, v in HEADERS if k not in response.headers])
        if production and "Strict-Transport-Security" not in response.headers:
            response.headers["Strict-Transport-Security"] = "max-age=15552000"
        return response

    def csrf_guard():
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE") or request.url_rule is None:
            return None
        if not _valid(request.form.get("csrf_token")):
            abort(403)
        return None

    app.after_request(secure_headers)
    app.before_request(csrf_guard)
