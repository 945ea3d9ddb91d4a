"""Security headers and CSRF protection, written by hand to see what the extensions do.

(In a real project: Flask-WTF's CSRFProtect for CSRF. Here, no new dependency.)
"""

import hmac  # noqa: F401  (you will need it for tokens_match)
import secrets  # noqa: F401  (you will need it for csrf_token)

from flask import abort, request, session  # noqa: F401

CSRF_FIELD = "csrf_token"
CSRF_SESSION_KEY = "csrf_token"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# TODO 1: fill in the headers every response must carry:
#   X-Content-Type-Options, X-Frame-Options, Content-Security-Policy (start from
#   default-src 'self'), Referrer-Policy. Strict-Transport-Security goes on in production only.
SECURITY_HEADERS = {}


def init_app(app):
    # Templates can call {{ csrf_token() }}.
    app.jinja_env.globals["csrf_token"] = csrf_token

    # TODO 1: register a function with @app.after_request that adds SECURITY_HEADERS to every
    #         response (error pages included), plus HSTS when app.config["ENV_NAME"] is
    #         "production". It must return the response.

    # TODO 2: register a function with @app.before_request that, for every method in
    #         UNSAFE_METHODS whose route exists (request.endpoint is not None), compares
    #         request.form's token with the session's, and abort(400) when either is missing
    #         or they differ.


def csrf_token():
    """This session's CSRF token.

    TODO 2: make it once per session with secrets.token_urlsafe(32), keep it in
            session[CSRF_SESSION_KEY], return it. Then put it in the form (templates/profile.html).
    """
    return ""


def tokens_match(expected, sent):
    """TODO 2: compare in constant time with hmac.compare_digest, on bytes (.encode())."""
    return False
