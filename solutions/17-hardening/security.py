"""Security headers and CSRF protection, written by hand to show what the extensions do.

In a real project use Flask-WTF's CSRFProtect (and perhaps Flask-Talisman for the headers):
they do the same things, with more options and years of fixes behind them.
"""

import hmac
import secrets

from flask import abort, request, session

CSRF_FIELD = "csrf_token"
CSRF_SESSION_KEY = "csrf_token"
# The methods that change something. GET, HEAD and OPTIONS must never change state, so they
# need no token (and a link or an <img> can't carry one anyway).
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

SECURITY_HEADERS = {
    # Take the Content-Type at its word: never guess that a text file is a script.
    "X-Content-Type-Options": "nosniff",
    # No other site may show our pages in a frame (clickjacking). The CSP line below says the
    # same with frame-ancestors; old browsers only know this header.
    "X-Frame-Options": "DENY",
    # Only our own origin may supply scripts, styles, images, fonts...: an injected <script>
    # pointing elsewhere, or inline, does not run.
    "Content-Security-Policy": (
        "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    ),
    # Other sites learn at most our origin, never the full URL (which may hold ids or tokens).
    "Referrer-Policy": "strict-origin-when-cross-origin",
}

# HSTS: "for a year, reach this host over HTTPS only". Production only: in development the app
# is served over plain http on localhost, and a browser that remembered HSTS for localhost
# would refuse every other project you serve there.
HSTS = "max-age=31536000; includeSubDomains"


def init_app(app):
    app.jinja_env.globals["csrf_token"] = csrf_token
    production = app.config.get("ENV_NAME") == "production"

    @app.after_request
    def add_security_headers(response):
        # after_request runs for every response Flask produces, including 404, 405, 413 and
        # the 500 page, so the headers are set in one place and nowhere else.
        for name, value in SECURITY_HEADERS.items():
            # setdefault: a view that needs a different policy for one page can still set it.
            response.headers.setdefault(name, value)
        if production:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response

    @app.before_request
    def check_csrf():
        if request.method not in UNSAFE_METHODS:
            return
        # No endpoint means routing already failed: let Flask answer 404 or 405 as usual.
        if request.endpoint is None:
            return
        expected = session.get(CSRF_SESSION_KEY)
        sent = request.form.get(CSRF_FIELD)  # reading the form enforces MAX_CONTENT_LENGTH
        # No token in the session means this browser never loaded one of our forms: nothing
        # to compare with, so refuse (without this, "" == "" would let an empty field in).
        if not expected or not sent or not tokens_match(expected, sent):
            # 400, as Flask-WTF answers: the request lacks a part it must have.
            abort(400, description="The form's CSRF token is missing or wrong. Reload the page "
                                   "and submit the form again.")


def csrf_token():
    """This session's token, made on first use. Templates call it: {{ csrf_token() }}."""
    if CSRF_SESSION_KEY not in session:
        # Unguessable, and stored in the signed session cookie: another site can make the
        # browser send the cookie, but cannot read the page to learn the token.
        session[CSRF_SESSION_KEY] = secrets.token_urlsafe(32)
    return session[CSRF_SESSION_KEY]


def tokens_match(expected, sent):
    """Compare in constant time. Bytes, not str: compare_digest refuses non-ASCII str with a
    TypeError (a 500), and a form field can hold anything."""
    return hmac.compare_digest(expected.encode("utf-8"), sent.encode("utf-8"))
